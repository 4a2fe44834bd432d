/** Textos da interface em português do Brasil. As chaves são as mesmas de en.ts. */
import { chatPtBR } from './chat-pt-BR';
import { chatSettingsPtBR } from './chat-settings-pt-BR';
import { chatSidebarPtBR } from './chat-sidebar-pt-BR';
import { libraryPtBR } from './library-pt-BR';
import { researchPtBR } from './research-pt-BR';
import { voiceChatPtBR } from './voice-chat-pt-BR';
import { transcribePtBR } from './transcribe-pt-BR';
import { libraryMediaPtBR } from './library-media-pt-BR';
import type { MessageKey } from './en';

export const ptBR: Readonly<Record<MessageKey, string>> = {
  'app.name': 'Omnia',
  'app.tagline': 'Espaço de IA privado',
  'app.skipToContent': 'Pular para o conteúdo',
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
  'home.counts': '{conversations} conversas, {messages} mensagens, {documents} documentos',
  'home.device': 'Este dispositivo',
  'home.webgpuYes': 'WebGPU disponível: os modelos podem rodar na GPU.',
  'home.webgpuNo': 'WebGPU indisponível: os modelos vão rodar mais devagar na CPU (WASM).',
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
  'settings.exportDone': '{count} registros exportados para {file}.',
  'settings.import': 'Importar de um arquivo',
  'settings.importHint':
    'A importação substitui o que está guardado agora pelo conteúdo do arquivo.',
  'settings.importing': 'Importando…',
  'settings.importDone': '{count} registros importados.',
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

  'models.title': 'Modelos',
  'models.intro':
    'Escolha os modelos que este dispositivo consegue rodar. Cada um é baixado uma vez, verificado e depois funciona offline, sem enviar nada a lugar nenhum.',
  'models.device': 'Este dispositivo',
  'models.device.probing': 'Verificando este dispositivo…',
  'models.device.gpu': 'Gráficos (WebGPU)',
  'models.device.gpuAdapter': '{vendor} · {architecture}',
  'models.device.noWebgpu': 'Sem WebGPU — os modelos rodam na CPU (WASM), mais devagar',
  'models.device.fallbackAdapter':
    'Este é um adaptador de software, lento demais para modelos: eles rodam na CPU (WASM).',
  'models.device.f16': 'Shaders de meia precisão (shader-f16)',
  'models.device.memory': 'Memória (estimativa do navegador)',
  'models.device.memoryValue': '{gib} GB',
  'models.device.memoryCapped': '{gib} GB ou mais',
  'models.device.cores': 'Núcleos de CPU',
  'models.device.freeStorage': 'Armazenamento livre',
  'models.device.freeStorageValue': '{free} livres de {quota}',
  'models.tier': 'Nível recomendado',
  'models.tier.fast': 'Rápido',
  'models.tier.balanced': 'Equilibrado',
  'models.tier.quality': 'Qualidade',
  'models.tier.why.fast.noGpu':
    'Sem uma GPU utilizável, modelos pequenos que rodam na CPU respondem mais rápido.',
  'models.tier.why.fast':
    'A GPU tem pouca memória sobrando, então modelos pequenos respondem mais rápido.',
  'models.tier.why.balanced':
    'A GPU tem espaço para modelos médios (cerca de 1 a 1,5 bilhão de parâmetros).',
  'models.tier.why.quality':
    'A GPU suporta shaders de meia precisão e tem espaço para modelos de cerca de 3 bilhões de parâmetros.',

  'models.source': 'De onde vêm os modelos',
  'models.source.hub': 'Hub público de modelos (padrão)',
  'models.source.relay': 'Relay',
  'models.source.relayUrl': 'Endereço do relay',
  'models.source.relayHint': 'ex.: http://192.168.1.10:4173/models',
  'models.source.save': 'Salvar',
  'models.source.saving': 'Salvando…',
  'models.source.savedHub': 'Salvo: os novos downloads vêm do hub público de modelos.',
  'models.source.savedRelay': 'Salvo: os novos downloads vêm do relay em {url}.',
  'models.source.invalidUrl': 'Esse endereço não pode ser usado: {detail}',
  'models.source.blocked':
    'A política de segurança deste app só permite buscar modelos na própria origem dele e no hub. Abra o Omnia pelo próprio relay ({origin}) para usá-lo como fonte.',
  'models.source.failed': 'Não foi possível salvar: {detail}',
  'models.source.importNote':
    'Sem nenhuma rede? Cada modelo também pode ser importado de uma pasta com os arquivos dele, no cartão dele em Modelos.',

  'models.task.chat': 'Chat',
  'models.task.embedding': 'Embeddings (para documentos)',
  'models.task.speech-to-text': 'Fala para texto',
  'models.task.image-to-text': 'Imagem para texto',
  'models.task.ocr': 'Texto em imagens (OCR)',
  'models.task.empty': 'Ainda não há modelos para esta tarefa.',

  'models.card.params': 'Parâmetros',
  'models.card.size': 'Download',
  'models.card.sizeApprox': '≈ {size}',
  'models.card.languages': 'Idiomas',
  'models.card.languagesMore': '{list} e muitos outros',
  'models.card.manyLanguages': 'Muitos idiomas',
  'models.card.engine': 'Motor',
  'models.card.recommended': 'Recomendado',
  'models.card.fixture': 'Modelo de teste',
  'models.runtime.webgpu': 'WebGPU',
  'models.runtime.wasm': 'CPU (WASM)',
  'models.verdict.fits': 'Cabe neste dispositivo — roda em {runtime}',
  'models.verdict.mayNotFit': 'Pode não caber neste dispositivo — rodaria em {runtime}',
  'models.verdict.cannotRun': 'Não roda neste dispositivo',
  'models.reason.no-webgpu': 'Este dispositivo não tem WebGPU, que este modelo exige.',
  'models.reason.fallback-adapter':
    'O único adaptador WebGPU aqui é de software, lento demais para este modelo.',
  'models.reason.needs-shader-f16':
    'A GPU não tem shaders de meia precisão (shader-f16), que esta versão exige.',
  'models.reason.gpu-memory':
    'Precisa de cerca de {needed} de memória de GPU; este dispositivo pode ceder cerca de {available}.',
  'models.reason.wasm-fallback.no-webgpu':
    'Não há WebGPU aqui, então ele roda na CPU (WASM): mais devagar, mas funciona.',
  'models.reason.wasm-fallback.fallback-adapter':
    'O adaptador WebGPU é de software, então ele roda na CPU (WASM): mais devagar, mas funciona.',
  'models.reason.wasm-fallback.needs-shader-f16':
    'A GPU não tem shaders de meia precisão, então ele roda na CPU (WASM): mais devagar, mas funciona.',
  'models.reason.wasm-fallback.gpu-memory':
    'A GPU não tem memória suficiente sobrando, então ele roda na CPU (WASM): mais devagar, mas funciona.',
  'models.reason.memory':
    'Precisa de cerca de {needed} de memória; este dispositivo informa {available}.',
  'models.reason.quota':
    'Precisa de {needed} de armazenamento livre (com margem de segurança); só há {free} livres.',
  'models.reason.quota-unknown':
    'O navegador não informa quanto armazenamento está livre; o download para se o espaço acabar.',

  'models.status.available': 'Não instalado',
  'models.status.downloading': 'Baixando…',
  'models.status.paused': 'Pausado em {percent}% — continua de onde parou',
  'models.status.installed': 'Instalado · {size} em disco',
  'models.status.failed': 'O download falhou.',
  'models.progress.label': 'Download de {name}',
  'models.progress.text': '{done} de {total} · {speed}/s · faltam {eta}',
  'models.progress.textNoSpeed': '{done} de {total}',
  'models.progress.file': 'Arquivo: {path}',
  'models.progress.verifying': 'Verificando…',
  'models.duration.seconds': '{s} s',
  'models.duration.minutes': '{m} min {s} s',
  'models.duration.hours': '{h} h {m} min',
  'models.error.quota':
    'Não há armazenamento livre suficiente. Apague modelos que você não usa e tente de novo.',
  'models.error.bad-response':
    'A fonte respondeu com algo que não é o arquivo do modelo. Confira a fonte e tente de novo.',
  'models.error.verification':
    'Um arquivo não bateu com o tamanho ou o checksum esperado e foi removido. Tente de novo para baixá-lo outra vez.',
  'models.error.network':
    'Não foi possível acessar a fonte. Confira a conexão (ou o relay) e tente de novo.',
  'models.error.locked':
    'Outra aba do Omnia está baixando este modelo. Espere terminar, ou feche essa aba e tente de novo.',
  'models.error.aborted': 'O download foi interrompido antes de terminar.',
  'models.error.failed': 'Algo deu errado: {detail}',
  'models.error.detail': '({detail})',
  'models.error.file': 'Arquivo: {path}',
  'models.install': 'Instalar',
  'models.pause': 'Pausar',
  'models.resume': 'Continuar',
  'models.retry': 'Tentar de novo',
  'models.delete': 'Apagar',
  'models.deleteTitle': 'Apagar {name}?',
  'models.deleteText':
    'Os {size} de arquivos dele são removidos deste dispositivo; você pode baixá-lo de novo.',
  'models.cancel': 'Cancelar',
  'models.actionFailed': 'Não deu certo: {detail}',
  'models.importFolder': 'Importar de uma pasta…',
  'models.importFiles': 'Importar arquivos…',
  'models.importing': 'Importando…',
  'models.importDone': '{name} foi importado e verificado.',
  'models.importFailed': 'A importação falhou: {detail}',
  'models.announce.available': '{name} foi removido.',
  'models.announce.downloading': '{name} está sendo baixado.',
  'models.announce.paused': '{name} está pausado.',
  'models.announce.installed': '{name} está instalado.',
  'models.announce.failed': 'Não foi possível instalar {name}.',

  'models.disk': 'Disco e reparo',
  'models.disk.total': 'Os modelos ocupam {size} neste dispositivo.',
  'models.repair': 'Verificar e reparar o cache',
  'models.repairDeep': 'Verificação completa (recalcula o hash de cada arquivo)',
  'models.repairing': 'Verificando…',
  'models.repair.hint':
    'A verificação remove arquivos que sobraram ou estão danificados e corrige os registros. A verificação completa também recalcula o hash de cada arquivo, o que demora mais.',
  'models.repair.result':
    '{orphans} arquivos órfãos e {corrupt} danificados removidos; {n} modelos precisam ser reinstalados.',
  'models.repair.clean': 'Está tudo certo.',
  'models.repair.failed': 'A verificação falhou: {detail}',

  'models.tryout.title': 'Experimentar',
  'models.tryout.defaultPrompt': 'Olá! Diga algo curto.',
  'models.tryout.device': 'Executar em',
  'models.tryout.auto': 'Melhor disponível',
  'models.tryout.wasm': 'CPU (WASM)',
  'models.tryout.system': 'Prompt de sistema',
  'models.tryout.prompt': 'Mensagem',
  'models.tryout.maxTokens': 'Resposta mais longa (tokens)',
  'models.tryout.lines': 'Textos para vetorizar, um por linha',
  'models.tryout.run': 'Executar',
  'models.tryout.stop': 'Parar',
  'models.tryout.running': 'Executando neste dispositivo…',
  'models.tryout.ranOn': 'Executado em {device}',
  'models.tryout.fallback': 'não em {from}: {reason}',
  'models.tryout.fallback.no-webgpu': 'este navegador não oferece um adaptador WebGPU.',
  'models.tryout.fallback.device-lost': 'a GPU parou de responder.',
  'models.tryout.fallback.out-of-memory': 'a GPU ficou sem memória.',
  'models.tryout.fallback.load-failed': 'o modelo não carregou lá.',
  'models.tryout.chatStats': '{tokens} tokens · primeiro após {first} ms · {rate} tokens/s',
  'models.tryout.embedStats':
    '{count} vetores de {dim} dimensões · similaridade dos dois primeiros: {similarity}',

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
};
