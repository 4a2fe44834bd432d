/**
 * Limits of share links, one place. A link is opened from a stranger's message, so every
 * size is capped before any work proportional to it is done.
 */

/** The current link format (the first segment of the payload). */
export const SHARE_FORMAT_VERSION = 1;

/**
 * Longest payload (fragment after `#/share/`, or a share file's text) that is even read:
 * 256 Ki characters ≈ 192 KiB of compressed bytes. Browsers accept longer URLs, chat apps
 * do not; anything this large travels as a file.
 */
export const MAX_PAYLOAD_CHARS = 262_144;

/**
 * Most bytes decompression may produce. Deflate expands up to ~1000×, so a 192 KiB payload
 * could claim 190 MB: the stream stops the moment it passes this cap.
 */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** Above this many characters a link may be cut by chat apps and bookmarks: offer a file. */
export const LINK_WARN_CHARS = 2_000;

/** PBKDF2-SHA-256 rounds for a passphrase (OWASP 2023); fixed per format version, never read from a link. */
export const PBKDF2_ITERATIONS = 600_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
/** A random key carried in the link: AES-256. */
export const RANDOM_KEY_BYTES = 32;

/** Schema caps: a valid payload is also a reasonable one. */
export const MAX_MESSAGES = 1_000;
export const MAX_MESSAGE_CHARS = 200_000;
export const MAX_TITLE_CHARS = 300;
export const MAX_CITATIONS = 100;
export const MAX_CITATION_TEXT_CHARS = 20_000;
export const MAX_SHORT_CHARS = 300;
export const MAX_SOURCES = 200;
export const MAX_MODELS = 20;

/**
 * Prompt templates: the caps of Prompt Studio's JSON import (core/prompts/transfer.ts), so
 * any template the Studio can export can also be shared, plus caps on lists it leaves open.
 */
export const MAX_TEMPLATE_NAME_CHARS = 200;
export const MAX_TEMPLATE_DESCRIPTION_CHARS = 2_000;
export const MAX_TEMPLATE_VERSIONS = 500;
export const MAX_TEMPLATE_BODY_CHARS = 100_000;
export const MAX_VERSION_NOTE_CHARS = 2_000;
export const MAX_VARIABLES = 100;
export const MAX_VARIABLE_NAME_CHARS = 100;
export const MAX_VARIABLE_LABEL_CHARS = 200;
export const MAX_VARIABLE_DEFAULT_CHARS = 100_000;
export const MAX_CHOICES = 200;
export const MAX_CHOICE_CHARS = 200;
