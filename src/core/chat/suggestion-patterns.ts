// The phrases that tell us a person is undecided, stuck, lost or confused, in Portuguese
// and English. They sit apart from suggestions.ts so the wording can grow (and be
// reviewed by someone who speaks the language) without touching the decision logic.
// Patterns are matched against folded text (lowercase, no accents, straight apostrophes),
// so "Não sei" and "nao sei", "I’m" and "Im" are written once.

/** What a user message reveals about how the conversation is going. */
export type SuggestionSignal =
  'indecision' | 'help' | 'information' | 'frustration' | 'clarification';

/** Strongest first: when two signals fire, the earlier one here wins. */
export const SIGNAL_PRIORITY: readonly SuggestionSignal[] = [
  'frustration',
  'clarification',
  'help',
  'information',
  'indecision',
];

const WORD_CHAR = '[\\p{L}\\p{N}]';
/** Up to a sentence's worth of words, for "should I … or …" and "what does … mean". */
const GAP = '[^.?!\\n]{1,80}?';
/** Denials that turn "complicado"/"confusing" into the opposite ("não é tão complicado"). */
const DENIAL =
  "(?:nao (?:e|eh|era|foi|ta|esta|parece)|nada|nem|pouco|menos|not|isn't|nothing) " +
  '(?:(?:muito|tao|bem|so|that|too) )?';

/**
 * A whole-word pattern: spaces stand for any run of whitespace, and the match may not
 * start or end inside a word ("nao sei" does not fire inside "nao seira").
 */
function phrase(source: string, notAfter?: string): RegExp {
  const body = source.replaceAll(' ', '\\s+');
  const guard = notAfter === undefined ? '' : `(?<!${notAfter.replaceAll(' ', '\\s+')})`;
  return new RegExp(`(?<!${WORD_CHAR})${guard}(?:${body})(?!${WORD_CHAR})`, 'u');
}

/** Every pattern, by signal. Order inside a signal does not matter: the earliest match wins. */
export const SIGNAL_PATTERNS: Readonly<Record<SuggestionSignal, readonly RegExp[]>> = {
  indecision: [
    phrase('(?:estou|to|tou|fico|fiquei|ando|continuo) (?:em|na) duvida'),
    phrase('em duvida entre'),
    phrase('nao sei'),
    phrase('qual (?:devo |eu )?escolh\\p{L}*'),
    phrase('indecis[oa]|dividid[oa] entre'),
    phrase("i'?m not (?:sure|certain)|i am not (?:sure|certain)"),
    phrase('not sure (?:if|whether|which|what)'),
    phrase("i (?:can'?t|cannot|can not) decide|(?:can'?t|cannot) make up my mind"),
    phrase('torn between|undecided'),
    phrase(`should i ${GAP}\\s+or`),
    phrase('which (?:one )?should i (?:choose|pick|go with|use)'),
  ],
  help: [
    phrase('como (?:que )?funciona'),
    phrase('como (?:eu )?(?:faco|posso|consigo)'),
    phrase('preciso de (?:uma |alguma )?ajuda'),
    phrase('me ajud(?:a|e|ar|em)'),
    phrase('nao sei como|socorro'),
    phrase(`how (?:does|do) ${GAP}\\s+works?`),
    phrase('i need (?:some |a little )?help|help me'),
    phrase('how (?:do|can|should) i'),
    phrase('(?:can|could|would) you help'),
  ],
  information: [
    phrase('onde (?:eu )?(?:posso |consigo |devo )?(?:encontr|ach)\\p{L}*'),
    phrase('(?:procurando|buscando|busco|procuro) (?:por )?(?:mais )?informac\\p{L}*'),
    phrase('where (?:can|could|do|would|should) i (?:find|get|look)'),
    phrase('where to (?:find|look)'),
    phrase('looking for (?:more |some )?(?:info|information)'),
  ],
  frustration: [
    phrase('nao (?:consigo|consegui|to conseguindo|estou conseguindo)'),
    phrase('(?:muito |bem )?complicad[oa]s?', DENIAL),
    phrase('(?:dificil|complicado) demais|muito dificil'),
    phrase('desist(?:o|i|ir)|cansei|que saco'),
    phrase('nao (?:funciona|funcionou|esta funcionando|ta funcionando)'),
    phrase('(?:estou|to|tou) (?:perdid|travad)[oa]'),
    phrase('frustra\\p{L}*'),
    phrase("i (?:can'?t|cannot|can not) (?:get|make|figure)"),
    phrase("(?:this|that|it)(?: is|'s) (?:so |really |very |too )?confusing|so confusing"),
    phrase("(?:doesn'?t|does not|isn'?t|is not|won'?t|still not|stopped) work(?:ing|s)?"),
    phrase('too (?:complicated|hard|difficult)', DENIAL),
    phrase("i give up|i'?m stuck|i am stuck|nothing works"),
  ],
  clarification: [
    phrase('nao (?:entendi|entendo|to entendendo|estou entendendo|compreendi)'),
    phrase('(?:pode|poderia|podes) (?:me )?explicar'),
    phrase('expli(?:ca|que|car) melhor'),
    phrase('o que (?:significa|quer dizer|voce quis dizer)|como assim'),
    phrase('nao ficou claro'),
    phrase("i (?:don'?t|do not) (?:understand|get it)"),
    phrase('(?:can|could|would) you (?:please )?explain'),
    phrase('what do you mean'),
    phrase(`what does ${GAP}\\s+mean`),
    phrase("i'?m confused|i am confused"),
    phrase('(?:explain|say) (?:that|it) again|in simpler (?:terms|words)'),
  ],
};
