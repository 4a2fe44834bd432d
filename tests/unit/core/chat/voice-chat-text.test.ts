// What images and read aloud turn a message into: the chat model's text for an image turn,
// the plain words of a markdown answer, and which language a conversation is in.
import { describe, expect, it } from 'vitest';
import { captionsAsAnswer, turnContent } from '../../../../src/core/chat/image-turns';
import { speakableText } from '../../../../src/core/chat/speakable-text';
import { conversationLanguage, guessTextLanguage } from '../../../../src/core/chat/text-language';

const png = (name: string, caption?: string) => ({
  name,
  mimeType: 'image/png',
  data: new Blob([new Uint8Array([1])], { type: 'image/png' }),
  ...(caption ? { caption: { text: caption, modelId: 'omnia-fixture-captioner' } } : {}),
});

describe('image turns', () => {
  it('puts each image as text before the question', () => {
    expect(
      turnContent({
        content: 'What is in it?',
        attachments: [png('a.png', ' a red square '), png('b.png')],
      }),
    ).toBe('[Image: a.png]\nDescription: a red square\n\n[Image: b.png]\n\nWhat is in it?');
  });

  it('labels a vision-language model’s answer as its answer to the question, not a description', () => {
    const answered = {
      ...png('a.png'),
      caption: {
        text: 'It is night.',
        modelId: 'omnia-fixture-smolvlm',
        question: 'Day or night?',
      },
    };
    expect(turnContent({ content: 'Day or night?', attachments: [answered] })).toBe(
      '[Image: a.png]\nAsked "Day or night?", the image model answered: It is night.\n\nDay or night?',
    );
  });

  it('leaves a message without images as it is, and an image alone needs no question', () => {
    expect(turnContent({ content: 'Hi' })).toBe('Hi');
    expect(turnContent({ content: '', attachments: [png('a.png', 'cat')] })).toBe(
      '[Image: a.png]\nDescription: cat',
    );
  });

  it('answers with the caption alone, or one line per described image', () => {
    expect(captionsAsAnswer([png('a.png', 'a cat')])).toBe('a cat');
    expect(captionsAsAnswer([png('a.png', 'a cat'), png('b.png'), png('c.png', 'a dog')])).toBe(
      'a.png: a cat\n\nc.png: a dog',
    );
    expect(captionsAsAnswer([png('a.png')])).toBe('');
  });
});

describe('speakable text', () => {
  it('drops markup and code blocks, keeps inline code and link text', () => {
    const markdown = [
      '# Setup',
      '',
      'Run **this** with `npm` as [the guide](https://example.com) says:',
      '',
      '```bash',
      'npm install',
      '```',
      '',
      '- first step',
      '- second step!',
      '',
      'Done [1].',
    ].join('\n');
    expect(speakableText(markdown)).toBe(
      'Setup.\nRun this with npm as the guide says:\nfirst step.\nsecond step!\nDone.',
    );
  });

  it('gives nothing for an answer that is only code', () => {
    expect(speakableText('```js\nconsole.log(1)\n```')).toBe('');
  });

  it('keeps characters that markdown escapes as they are', () => {
    expect(speakableText('Tom & Jerry say "hi" <b>')).toBe('Tom & Jerry say "hi".');
  });
});

describe('text language', () => {
  it('tells Portuguese from English', () => {
    expect(guessTextLanguage('Qual é a capital do Brasil? Não sei.')).toBe('pt');
    expect(guessTextLanguage('What is the capital of Brazil? I do not know.')).toBe('en');
  });

  it('says nothing when the text is too short to tell', () => {
    expect(guessTextLanguage('OK')).toBeNull();
    expect(guessTextLanguage('')).toBeNull();
  });

  it("reads a conversation's language from what the person wrote", () => {
    expect(
      conversationLanguage([
        { role: 'user', content: 'Você pode me ajudar com isso?' },
        { role: 'assistant', content: 'Sure, what is the problem with it?' },
      ]),
    ).toBe('pt');
    expect(conversationLanguage([])).toBeNull();
  });
});
