/** Textos em português do Brasil para uma GPU perdida: o aviso, a resposta interrompida, a ferramenta de desenvolvedor (unidos em pt-BR.ts). */
import type { gpuLossEn } from './gpu-loss-en';

export const gpuLossPtBR: Readonly<Record<keyof typeof gpuLossEn, string>> = {
  'gpuLoss.lost': 'A GPU parou de responder (dispositivo perdido).',
  'gpuLoss.outOfMemory': 'A GPU ficou sem memória.',
  'gpuLoss.keptPartial': 'Sua resposta parcial foi mantida.',
  'gpuLoss.loadFailed': 'Por isso, o modelo não pôde ser carregado.',
  'gpuLoss.sameModel': 'O Omnia passou esta conversa para a CPU (WASM), que é mais lenta.',
  'gpuLoss.otherModel':
    'O Omnia passou esta conversa para o {model} na CPU (WASM), que é mais lenta.',
  'gpuLoss.needsModel':
    'Para continuar sem a GPU, instale o {model} ({size}): ele roda na CPU (WASM), mais devagar.',
  'gpuLoss.install': 'Instalar {model}',
  'gpuLoss.installing': 'Instalando {model}… {percent}',
  'gpuLoss.installFailed': 'A instalação falhou: {detail}',
  'gpuLoss.noFallback': 'Nenhum modelo de conversa que roda na CPU cabe neste dispositivo.',
  'gpuLoss.reloadHint': 'Recarregar a página tenta a GPU de novo.',
  'gpuLoss.dismiss': 'Dispensar',
  'gpuLoss.finish': 'Interrompida: a GPU falhou no meio da resposta',
  'gpuLoss.installFirst':
    'A GPU se foi, e o modelo que roda sem ela ainda não está instalado. Instale-o pelo aviso e envie de novo.',
  'gpuLoss.onCpu': 'Na CPU desde que a GPU falhou',
  'gpuLoss.simulate': 'Simular perda da GPU',
  'gpuLoss.simulateHint':
    'Ferramenta de desenvolvedor: destrói o dispositivo WebGPU em que os modelos rodam, como faria um reinício do driver. Funciona no meio de uma resposta.',
  'gpuLoss.simulated': 'O dispositivo WebGPU foi destruído.',
  'gpuLoss.noDevice': 'Nada rodou na WebGPU ainda: não há dispositivo para perder.',
  'gpuLoss.developerTools': 'Ferramentas de desenvolvedor',
};
