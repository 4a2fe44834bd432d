/** Textos da interface em português do Brasil. As chaves são as mesmas de en.ts. */
import { chatPtBR } from './chat-pt-BR';
import { gpuLossPtBR } from './gpu-loss-pt-BR';
import { chatSettingsPtBR } from './chat-settings-pt-BR';
import { chatSidebarPtBR } from './chat-sidebar-pt-BR';
import { libraryPtBR } from './library-pt-BR';
import { researchPtBR } from './research-pt-BR';
import { voiceChatPtBR } from './voice-chat-pt-BR';
import { transcribePtBR } from './transcribe-pt-BR';
import { libraryMediaPtBR } from './library-media-pt-BR';
import { modelsPtBR } from './models-pt-BR';
import { loadedModelPtBR } from './loaded-model-pt-BR';
import { sharePtBR } from './share-pt-BR';
import { shareTemplatePtBR } from './share-template-pt-BR';
import { promptsPtBR } from './prompts-pt-BR';
import type { MessageKey } from './en';

export const ptBR: Readonly<Record<MessageKey, string>> = {
  'app.name': 'Omnia',
  'app.tagline': 'Espaço de IA privado',
  'app.skipToContent': 'Pular para o conteúdo',
  'app.viewLoading': 'Carregando…',
  'app.viewLoadFailed':
    'Não foi possível carregar esta página. Verifique sua conexão e tente novamente.',
  'app.viewRetry': 'Tentar novamente',
  'nav.label': 'Principal',
  'nav.home': 'Início',
  'nav.settings': 'Configurações',
  'nav.system': 'Sistema',
  'nav.models': 'Modelos',

  'network.online': 'Online',
  'network.offline': 'Offline',
  'network.offlineHint':
    'Você está offline. Tudo o que está guardado neste dispositivo continua funcionando.',

  'storage.label': 'Armazenamento',
  'storage.usage': '{used} usados de {quota}',
  'storage.usageUnknown': 'Uso desconhecido',
  'storage.persisted': 'Persistente',
  'storage.notPersisted': 'Não persistente',
  'storage.persistButton': 'Manter meus dados',
  'storage.persistGranted':
    'O navegador vai manter os dados do Omnia mesmo com pouco espaço em disco.',
  'storage.persistDenied':
    'O navegador recusou por enquanto. Seus dados continuam guardados, mas o navegador pode apagá-los se faltar espaço em disco. Instalar o Omnia costuma fazer o navegador aceitar.',
  'storage.unsupported': 'Este navegador não informa o uso de armazenamento.',

  'notices.label': 'Avisos',
  'pwa.updateAvailable': 'Há uma nova versão do Omnia.',
  'pwa.reload': 'Recarregar',
  'pwa.later': 'Depois',
  'pwa.offlineReady': 'O Omnia está pronto para funcionar offline.',
  'pwa.dismiss': 'OK',
  'pwa.registerError': 'O modo offline não pôde ser ativado: {message}',

  'home.title': 'Boas-vindas ao Omnia',
  'home.intro':
    'Converse, pergunte sobre seus documentos, dite e analise imagens com IA que roda neste dispositivo. Nada do que você guarda aqui sai dele.',
  'home.yourData': 'Seus dados neste dispositivo',
  'home.counts':
    '{conversations, plural, =0 {# conversas} one {# conversa} other {# conversas}}, {messages, plural, =0 {# mensagens} one {# mensagem} other {# mensagens}}, {documents, plural, =0 {# documentos} one {# documento} other {# documentos}}',
  'home.device': 'Este dispositivo',
  'home.seeSystem': 'Ver detalhes do sistema',
  'home.privacy': 'Privado por princípio',
  'home.privacyText':
    'Conversas, documentos e configurações ficam no armazenamento deste navegador. Exporte ou apague tudo quando quiser em Configurações.',

  'settings.title': 'Configurações',
  'settings.appearance': 'Aparência',
  'settings.language': 'Idioma',
  'settings.theme': 'Tema',
  'settings.theme.system': 'Igual ao sistema',
  'settings.theme.light': 'Claro',
  'settings.theme.dark': 'Escuro',
  'settings.storage': 'Armazenamento',
  'settings.data': 'Seus dados',
  'settings.dataIntro':
    'Tudo fica neste navegador. Exporte para um arquivo para guardar uma cópia ou levar para outro dispositivo.',
  'settings.export': 'Exportar tudo',
  'settings.exporting': 'Exportando…',
  'settings.exportFailed': 'A exportação falhou: {detail}. Nada foi alterado.',
  'settings.exportDone':
    '{count, plural, =0 {# registros exportados} one {# registro exportado} other {# registros exportados}} para {file}.',
  'settings.import': 'Importar de um arquivo',
  'settings.importHint':
    'A importação substitui o que está guardado agora pelo conteúdo do arquivo.',
  'settings.importing': 'Importando…',
  'settings.importDone':
    '{count, plural, =0 {# registros importados.} one {# registro importado.} other {# registros importados.}}',
  'settings.deleteAll': 'Apagar todos os meus dados',
  'settings.deleteAllHint':
    'Remove todas as conversas, documentos, configurações e tarefas deste dispositivo. Não dá para desfazer.',
  'settings.deleteConfirmTitle': 'Apagar todos os seus dados?',
  'settings.deleteConfirmText':
    'Todas as conversas, documentos, configurações e tarefas guardados pelo Omnia neste navegador serão removidos. Exporte antes se quiser uma cópia.',
  'settings.deleteConfirm': 'Apagar tudo',
  'settings.cancel': 'Cancelar',
  'settings.deleteFailed':
    'Não foi possível apagar: {detail}. Recarregue a página e tente de novo.',
  'settings.deleted': 'Todos os seus dados foram apagados.',
  'settings.developer': 'Desenvolvimento',
  'settings.developerMode': 'Mostrar ferramentas de desenvolvimento e modelos de teste',

  'import.error.not-json':
    'Esse arquivo não é um JSON válido. Escolha um arquivo criado por “Exportar tudo”.',
  'import.error.not-omnia-export':
    'Esse arquivo não é uma exportação do Omnia. Escolha um arquivo criado por “Exportar tudo”.',
  'import.error.newer-schema':
    'Esse arquivo foi criado por uma versão mais nova do Omnia. Atualize o Omnia (recarregue a página) e importe de novo.',
  'import.error.invalid-table':
    'Esse arquivo contém dados que o Omnia não conhece ({detail}). Nada foi alterado.',
  'import.error.invalid-row': 'Parte desse arquivo está danificada ({detail}). Nada foi alterado.',
  'import.error.too-large': 'Esse arquivo é grande demais para importar.',
  'import.error.quota':
    'Não há espaço de armazenamento suficiente para esse arquivo. Libere espaço (por exemplo, apague modelos que você não usa) e tente de novo.',
  'import.error.unknown': 'A importação falhou: {detail}. Nada foi alterado.',
  'import.unchanged': 'Seus dados atuais não foram alterados.',

  'system.title': 'Sistema',
  'system.device': 'Dispositivo',
  'system.webgpu': 'WebGPU',
  'system.webgpuAdapter': '{vendor} · {architecture}',
  'system.webgpuMissing': 'Indisponível',
  'system.shaderF16': 'Shaders de meia precisão (shader-f16)',
  'system.yes': 'Sim',
  'system.no': 'Não',
  'system.cores': 'Núcleos de CPU',
  'system.memory': 'Memória do dispositivo (aproximada)',
  'system.unknown': 'Desconhecido',
  'system.isolated': 'WASM com várias threads (isolamento de origem)',
  'system.workers': 'Workers em segundo plano',
  'system.workersIntro':
    'O trabalho pesado roda em workers em segundo plano para a página continuar respondendo. Este teste calcula o hash de dados gerados em um worker, como na verificação de downloads de modelos.',
  'system.workerTestSize': 'Dados para o hash',
  'system.workerTestRun': 'Testar worker',
  'system.workerTestCancel': 'Cancelar',
  'system.workerTestProgress': 'Calculando… {percent}%',
  'system.workerTestResult': 'SHA-256 {hash} · {speed}/s',
  'system.workerTestCancelled': 'O teste foi cancelado.',
  'system.workerState': 'Worker: {state}',
  'system.workerState.stopped': 'parado',
  'system.workerState.starting': 'iniciando',
  'system.workerState.idle': 'ocioso',
  'system.workerState.busy': 'ocupado',

  'error.worker.crashed':
    'O worker em segundo plano parou de repente. Recarregue a página e tente de novo.',
  'error.worker.out-of-memory':
    'O dispositivo ficou sem memória. Feche outras abas ou use uma entrada menor.',
  'error.worker.invalid-input': 'O worker não conseguiu usar essa entrada.',
  'error.worker.failed': 'A tarefa em segundo plano falhou: {detail}',
  ...chatPtBR,
  ...chatSidebarPtBR,
  ...chatSettingsPtBR,
  ...libraryPtBR,
  ...researchPtBR,
  ...voiceChatPtBR,
  ...transcribePtBR,
  ...libraryMediaPtBR,
  ...modelsPtBR,
  ...loadedModelPtBR,
  ...gpuLossPtBR,
  ...sharePtBR,
  ...shareTemplatePtBR,
  ...promptsPtBR,
};
