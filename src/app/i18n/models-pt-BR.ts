/**
 * Textos em português do Brasil da tela de Modelos: resumo do dispositivo (o Início usa a mesma
 * frase sobre a GPU), cartões, vereditos, downloads e "Experimentar"; mesmas chaves de models-en.ts.
 */
import type { modelsEn } from './models-en';

export const modelsPtBR: Readonly<Record<keyof typeof modelsEn, string>> = {
  'models.title': 'Modelos',
  'models.intro':
    'Escolha os modelos que este dispositivo consegue rodar. Cada um é baixado uma vez, verificado e depois funciona offline, sem enviar nada a lugar nenhum.',
  'models.device': 'Este dispositivo',
  'models.device.probing': 'Verificando este dispositivo…',
  'models.device.gpu': 'Gráficos (WebGPU)',
  'models.device.unknownAdapter': 'adaptador sem nome',
  'models.gpu.gpu': 'WebGPU disponível: os modelos podem rodar na GPU.',
  'models.gpu.software':
    'Aqui o WebGPU só oferece um adaptador de software, lento demais para modelos: eles rodam na CPU (WASM), mais devagar.',
  'models.gpu.none': 'Sem WebGPU aqui: os modelos rodam na CPU (WASM), mais devagar.',
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
  'models.card.size': 'Tamanho do download',
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
  'models.verdict.noEngine': 'O Omnia ainda não roda este modelo',
  'models.verdict.noEngineWhy':
    'O motor de que este modelo precisa ainda não está no Omnia, por isso ele nunca é recomendado. Uma atualização vai incluí-lo.',
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
  'models.tryout.defaultSystem': 'Você é um assistente prestativo.',
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
};
