/** Textos em português do Brasil: Chat voice and images (dictation, image attachments, read aloud) (unidos em pt-BR.ts). */
import type { voiceChatEn } from './voice-chat-en';

export const voiceChatPtBR: Readonly<Record<keyof typeof voiceChatEn, string>> = {
  'voiceChat.dictate': 'Ditar',
  'voiceChat.dictateTitle':
    'Ditar: clique para começar e de novo para parar, ou segure para falar ({shortcut}). Esc cancela.',
  'voiceChat.stopDictation': 'Parar o ditado e transcrever',
  'voiceChat.cancelDictation': 'Cancelar o ditado',
  'voiceChat.recording': 'Gravando',
  'voiceChat.level': 'Nível do microfone',
  'voiceChat.starting': 'Ligando o microfone…',
  'voiceChat.transcribing': 'Transcrevendo…',
  'voiceChat.noSpeechModelTitle':
    'O ditado precisa de um modelo de fala para texto: nenhum está instalado. Obtenha um em Modelos.',
  'voiceChat.noSpeechModel':
    'O ditado precisa de um modelo de fala para texto, e nenhum está instalado ainda.',
  'voiceChat.getSpeechModel': 'Obter um em Modelos',
  'voiceChat.micDenied':
    'O Omnia precisa do microfone para ditar: permita-o nas configurações do site no navegador e tente de novo.',
  'voiceChat.micMissing':
    'Nenhum microfone foi encontrado. Conecte um (ou veja se o sistema o reconhece) e tente de novo.',
  'voiceChat.micBusy':
    'O microfone está em uso por outro aplicativo ou não pôde ligar. Feche o outro aplicativo e tente de novo.',
  'voiceChat.micUnsupported':
    'Este navegador não consegue gravar áudio aqui, então o ditado não está disponível.',
  'voiceChat.micFailed': 'O microfone não pôde ligar',
  'voiceChat.nothingRecorded': 'Nada foi gravado. Segure o botão um pouco mais enquanto fala.',
  'voiceChat.nothingHeard':
    'Nenhuma palavra foi reconhecida na gravação. Tente de novo, mais perto do microfone.',
  'voiceChat.transcribeFailed': 'O ditado não pôde ser transcrito: {detail}',
  'voiceChat.attachImage': 'Anexar imagens',
  'voiceChat.attachTitle':
    'Anexar imagens (PNG, JPEG, WebP ou GIF, até {max}); você também pode colá-las ou soltá-las aqui',
  'voiceChat.attachments': 'Imagens a enviar',
  'voiceChat.removeImage': 'Remover {name}',
  'voiceChat.imageWrongType':
    '{name} não é uma imagem que o chat consegue ler. Use PNG, JPEG, WebP ou GIF.',
  'voiceChat.imageTooLarge':
    '{name} tem {size}: as imagens podem ter no máximo {max}. Reduza-a e anexe de novo.',
  'voiceChat.imageEmpty': '{name} está vazia.',
  'voiceChat.describing': 'Descrevendo as imagens…',
  'voiceChat.noVisionModel':
    'Nenhum modelo de imagem para texto está instalado, então nada pôde descrever a imagem. Ela fica guardada com a sua mensagem; instale um em Modelos para que as imagens sejam descritas.',
  'voiceChat.describeFailed': 'Não foi possível descrever {name}: {detail}',
  'voiceChat.imageAlt': 'Imagem anexada {name}',
  'voiceChat.caption': 'Descrição por {model}',
  'voiceChat.answerBy': 'Resposta de {model}, que viu a imagem',
  'voiceChat.noCaption': 'Sem descrição (nenhum modelo de imagem para texto).',
  'voiceChat.readAloud': 'Ler em voz alta',
  'voiceChat.stopReading': 'Parar',
  'voiceChat.readAloudTitle': 'Ler esta resposta em voz alta',
};
