/** Textos em português do Brasil: Library media (captions, OCR, transcripts, video) (unidos em pt-BR.ts). */
import type { libraryMediaEn } from './library-media-en';

export const libraryMediaPtBR: Readonly<Record<keyof typeof libraryMediaEn, string>> = {
  'library.jobs.stage.transcribing': 'Transcrevendo',
  'library.jobs.stage.captioning': 'Descrevendo',
  'library.jobs.stage.recognising': 'Reconhecendo texto',
  'library.jobs.processing': 'Processando {label}',

  'library.media.status.waiting.ocr': 'Aguardando um modelo de OCR',
  'library.media.status.waiting.transcription': 'Aguardando um modelo de fala para texto',
  'library.media.status.waiting.captioning': 'Aguardando um modelo de imagem',
  'library.media.status.waiting.video': 'Aguardando um modelo de imagem',

  'library.media.wait-transcription':
    'Instale um modelo de fala para texto em Modelos para transcrever esta gravação.',
  'library.media.wait-captioning':
    'Instale um modelo de imagem para texto ou de OCR em Modelos para descrever esta imagem.',
  'library.media.wait-video':
    'Instale um modelo de imagem para texto em Modelos para descrever este vídeo.',
  'library.media.wait-ocr':
    'Instale um modelo de OCR em Modelos para ler as páginas digitalizadas deste PDF.',
  'library.media.no-speech-model':
    'O que é dito não foi transcrito: instale um modelo de fala para texto em Modelos e processe de novo.',
  'library.media.no-captioner':
    'A imagem foi lida, mas não descrita: instale um modelo de imagem para texto em Modelos e processe de novo.',
  'library.media.no-ocr':
    'O texto da imagem não foi lido: instale um modelo de OCR em Modelos e processe de novo.',
  'library.media.no-audio-track':
    'Este vídeo não tem uma faixa de áudio que o navegador decodifique; só o que se vê foi guardado.',

  'library.media.openModels': 'Abrir Modelos',
  'library.media.processNow': 'Processar agora',
  'library.media.processAgain': 'Processar de novo',
  'library.media.processNowLabel': 'Processar {name} agora',
  'library.media.processNothing':
    'Nada a processar em {name}: o arquivo não foi guardado ou já está sendo processado.',
  'library.media.processAll': 'Processar todos os aguardando ({count})',
  'library.media.processAllStarted':
    '{count, plural, =0 {# documentos estão sendo processados.} one {# documento está sendo processado.} other {# documentos estão sendo processados.}}',
  'library.media.processAllNone': 'Nenhum documento aguardando pôde ser processado ainda.',

  'library.media.fps.label': 'Quadros de vídeo por segundo',
  'library.media.fps.hint':
    'Quadros descritos por segundo de vídeo: mais quadros descrevem melhor, mas levam mais tempo.',

  'library.media.time': 'Tempo {range}',
};
