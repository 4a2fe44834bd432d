/** Textos em português do Brasil (chat-settings); mesmas chaves de chat-settings-en.ts. */
import type { chatSettingsEn } from './chat-settings-en';

export const chatSettingsPtBR: Readonly<Record<keyof typeof chatSettingsEn, string>> = {
  'chatSettings.title': 'Chat',
  'chatSettings.intro':
    'Como as novas conversas começam e as personas que você pode escolher em cada uma.',
  'chatSettings.suggestions':
    'Sugerir um próximo passo quando uma mensagem mostrar dúvida ou frustração',
  'chatSettings.suggestionsHint':
    'Calculado neste dispositivo a partir das palavras da mensagem; nada é enviado a lugar nenhum.',
  'chatSettings.defaultPersona': 'Persona das novas conversas',
  'chatSettings.defaultPersonaHint': 'Cada conversa ainda pode trocar para outra.',
  'chatSettings.builtinGroup': 'Incluídas',
  'chatSettings.customGroup': 'Suas',
  'chatSettings.builtinTitle': 'Personas incluídas',
  'chatSettings.builtinHint':
    'Vêm com o Omnia e não podem ser alteradas. As instruções seguem o idioma da interface.',
  'chatSettings.customTitle': 'Suas personas',
  'chatSettings.customEmpty': 'Você ainda não tem personas próprias. Escreva uma abaixo.',
  'chatSettings.edit': 'Editar',
  'chatSettings.delete': 'Excluir',
  'chatSettings.deleteTitle': 'Excluir a persona “{name}”?',
  'chatSettings.deleteText':
    'As conversas que a usam continuarão com a persona {fallback}. Não é possível desfazer.',
  'chatSettings.deleteConfirm': 'Excluir persona',
  'chatSettings.cancel': 'Cancelar',
  'chatSettings.deleted': '“{name}” foi excluída.',
  'chatSettings.deleteFailed': 'Não foi possível excluir a persona: {detail}',
  'chatSettings.settingFailed': 'Não foi possível salvar a configuração: {detail}',

  'chatSettings.editor.addTitle': 'Nova persona',
  'chatSettings.editor.editTitle': 'Editar “{name}”',
  'chatSettings.editor.name': 'Nome',
  'chatSettings.editor.prompt': 'Instruções para o assistente',
  'chatSettings.editor.promptHint':
    'Entregues ao assistente no início de toda conversa que usar esta persona.',
  'chatSettings.editor.remaining': 'Caracteres restantes: {count} de {max}',
  'chatSettings.editor.over': '{count} a mais que o limite de {max} caracteres',
  'chatSettings.editor.add': 'Adicionar persona',
  'chatSettings.editor.save': 'Salvar alterações',
  'chatSettings.editor.cancel': 'Cancelar edição',
  'chatSettings.editor.saving': 'Salvando…',
  'chatSettings.editor.added': '“{name}” foi adicionada.',
  'chatSettings.editor.updated': 'As alterações em “{name}” foram salvas.',
  'chatSettings.editor.failed': 'Não foi possível salvar a persona: {detail}',
  'chatSettings.editor.unchanged': 'Nada foi salvo.',

  'chatSettings.error.name-empty': 'Dê um nome à persona.',
  'chatSettings.error.name-too-long': 'O nome tem {count} caracteres; use no máximo {max}.',
  'chatSettings.error.prompt-empty': 'Escreva as instruções que o assistente deve seguir.',
  'chatSettings.error.prompt-too-long':
    'As instruções têm {count} caracteres; use no máximo {max}.',
  'chatSettings.error.name-taken': 'Já existe uma persona chamada “{name}”; escolha outro nome.',

  'chatSettings.persona.label': 'Persona',
  'chatSettings.persona.info': 'Mostrar as instruções desta persona',

  'chatSettings.params.toggle': 'Geração',
  'chatSettings.params.summary': 'T {temperature} · p {topP} · {maxTokens}',
  'chatSettings.params.summaryLong':
    'Temperatura {temperature}, top-p {topP}, até {maxTokens} tokens',
  'chatSettings.params.legend': 'Configurações de geração',
  'chatSettings.params.scopeConversation': 'Valem para esta conversa.',
  'chatSettings.params.scopeNew': 'Valem para as novas conversas.',
  'chatSettings.params.temperature': 'Temperatura',
  'chatSettings.params.temperatureHint':
    'Quanto maior, mais variada; 0 sempre dá a mesma resposta.',
  'chatSettings.params.topP': 'Top-p',
  'chatSettings.params.topPHint':
    'Quanto menor, mais se limita às palavras mais prováveis; 1 considera todas.',
  'chatSettings.params.maxTokens': 'Resposta mais longa (tokens)',
  'chatSettings.params.maxTokensHint':
    'A resposta para depois desse número de tokens; um token é cerca de ¾ de uma palavra.',
  'chatSettings.params.greedy':
    'Com temperatura 0 a palavra mais provável é sempre a escolhida, então o top-p não tem efeito.',
  'chatSettings.params.reset': 'Restaurar padrões',
  'chatSettings.params.failed': 'Não foi possível salvar as configurações de geração: {detail}',
};
