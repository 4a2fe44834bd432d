/** Textos em português do Brasil: Transcribe view (unidos em pt-BR.ts). */
import type { transcribeEn } from './transcribe-en';

export const transcribePtBR: Readonly<Record<keyof typeof transcribeEn, string>> = {
  'nav.transcribe': 'Transcrever',

  'transcribe.title': 'Transcrever',
  'transcribe.intro':
    'Transforme uma gravação em texto com marcações de tempo. O áudio nunca sai deste dispositivo: o modelo de fala roda neste navegador.',

  'transcribe.noModelTitle': 'Nenhum modelo de fala para texto instalado',
  'transcribe.noModelBody':
    'Para transcrever é preciso um modelo de fala para texto (Whisper) neste dispositivo. Instale um em Modelos e volte aqui.',
  'transcribe.noModelLink': 'Ir para Modelos',

  'transcribe.file.heading': 'Gravação',
  'transcribe.file.drop': 'Solte um arquivo de áudio aqui',
  'transcribe.file.or': 'ou',
  'transcribe.file.choose': 'Escolher um arquivo',
  'transcribe.file.types': 'WAV, MP3, OGG, M4A ou WebM, de até 4 horas.',
  'transcribe.file.decoding': 'Lendo o áudio de {name}…',
  'transcribe.file.ready': '{name}: {duration} de áudio.',
  'transcribe.file.tooMany': 'Solte um arquivo de cada vez.',
  'transcribe.error.empty': 'Este arquivo está vazio.',
  'transcribe.error.undecodable':
    'Este arquivo não tem áudio que o navegador consiga decodificar. Tente WAV, MP3 ou OGG.',
  'transcribe.error.tooLarge': 'Este arquivo tem mais de 1 GB. Divida-o em gravações menores.',
  'transcribe.error.tooLong': 'Esta gravação tem mais de 4 horas. Divida-a em gravações menores.',
  'transcribe.error.failed': 'A transcrição falhou: {detail}',
  'transcribe.error.noModel': 'Escolha primeiro um modelo de fala para texto.',

  'transcribe.options.heading': 'Opções',
  'transcribe.options.model': 'Modelo',
  'transcribe.options.language': 'Idioma',
  'transcribe.options.detect': 'Detectar automaticamente',
  'transcribe.options.task': 'Tarefa',
  'transcribe.options.transcribe': 'Manter o idioma falado',
  'transcribe.options.translate': 'Traduzir para o inglês',
  'transcribe.start': 'Transcrever',

  'transcribe.progress.label': 'Progresso da transcrição',
  'transcribe.progress.starting': 'Carregando o modelo e começando…',
  'transcribe.progress.window': 'Janela {current} de {total}',
  'transcribe.progress.reached': '{done} de {total} transcritos',
  'transcribe.cancel': 'Cancelar',
  'transcribe.cancelled': 'Transcrição cancelada. Nada foi guardado.',

  'transcribe.result.heading': 'Transcrição de {name}',
  'transcribe.result.language': 'Idioma: {language}',
  'transcribe.result.detected': 'Idioma detectado: {language}',
  'transcribe.result.facts':
    '{windows} janelas · {duration} de áudio · {seconds} s com {model} em {device}',
  'transcribe.result.player': 'Gravação',
  'transcribe.result.segments': 'Trechos',
  'transcribe.result.playFrom': 'Tocar a partir de {time}',
  'transcribe.result.noSegments': 'Nenhuma fala foi encontrada nesta gravação.',
  'transcribe.result.text': 'Texto',

  'transcribe.export.heading': 'Exportar',
  'transcribe.export.txt': 'Texto (.txt)',
  'transcribe.export.srt': 'Legendas (.srt)',
  'transcribe.export.vtt': 'Legendas para a web (.vtt)',

  'transcribe.save': 'Salvar na Biblioteca',
  'transcribe.saving': 'Salvando…',
  'transcribe.saved': 'Salvo na Biblioteca como “{name}”.',
  'transcribe.openDocument': 'Abrir a Biblioteca',
  'transcribe.saveFailed': 'Não foi possível salvar na Biblioteca: {detail}',

  'transcribe.recent.heading': 'Transcrições desta sessão',
  'transcribe.recent.hint':
    'Ficam aqui até esta aba ser fechada, a menos que sejam salvas na Biblioteca.',
  'transcribe.recent.item': '{name} · {duration} · {language}',
  'transcribe.recent.saved': 'salva',
  'transcribe.recent.show': 'Mostrar',
};
