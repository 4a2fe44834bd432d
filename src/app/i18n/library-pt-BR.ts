/** Textos da Biblioteca e do painel de trechos em português do Brasil (unidos em pt-BR.ts). */
import type { libraryEn } from './library-en';

export const libraryPtBR: Readonly<Record<keyof typeof libraryEn, string>> = {
  'nav.library': 'Biblioteca',
  'library.title': 'Biblioteca',
  'library.intro':
    'Adicione documentos e faça perguntas sobre eles. Os arquivos são lidos e indexados neste dispositivo e nunca saem dele.',
  'library.cancel': 'Cancelar',
  'library.actionFailed': 'Não deu certo: {detail}',

  'library.add.heading': 'Adicionar arquivos',
  'library.add.drop': 'Solte arquivos ou pastas aqui',
  'library.add.or': 'ou',
  'library.add.chooseFiles': 'Escolher arquivos',
  'library.add.chooseFolder': 'Escolher uma pasta',
  'library.add.collection': 'Adicionar à coleção',
  'library.add.noCollection': 'Nenhuma coleção',
  'library.add.reading': 'Lendo a pasta…',
  'library.add.readFailed': 'Parte do que foi solto não pôde ser lida: {detail}',
  'library.add.nothing': 'Nada a adicionar: não havia arquivos no que foi solto.',
  'library.add.types':
    'PDF, Word (DOCX), Excel (XLSX), CSV, HTML, texto, Markdown, JSON e JSON Lines. Imagens são descritas e lidas (OCR), áudio é transcrito e vídeos são descritos e transcritos pelos modelos instalados em Modelos.',

  'library.jobs.heading': 'Adicionando e indexando',
  'library.jobs.added':
    '{count, plural, =0 {# arquivos adicionados} one {# arquivo adicionado} other {# arquivos adicionados}}',
  'library.jobs.failed': '{count} com falha',
  'library.jobs.cancelled': '{count} cancelados',
  'library.jobs.running': '{count} em andamento',
  'library.jobs.showMore': 'Mostrar mais {count}',
  'library.jobs.showDone':
    '{count, plural, =0 {Ver os # arquivos adicionados} one {Ver o arquivo adicionado} other {Ver os # arquivos adicionados}}',
  'library.jobs.reindex': 'Reindexando a biblioteca',
  'library.jobs.cancel': 'Cancelar',
  'library.jobs.cancelLabel': 'Cancelar a adição de {label}',
  'library.jobs.progressLabel': 'Progresso de {label}',
  'library.jobs.stage.queued': 'Aguardando',
  'library.jobs.stage.parsing': 'Lendo',
  'library.jobs.stage.chunking': 'Dividindo em trechos',
  'library.jobs.stage.embedding': 'Indexando',
  'library.jobs.stage.done': 'Concluído',
  'library.jobs.stage.failed': 'Falhou',
  'library.jobs.stage.cancelled': 'Cancelado',

  'library.problem.empty': '{name} não tem texto para indexar. Confira se é o arquivo certo.',
  'library.problem.unknown-type':
    '{name} não é um tipo de arquivo que o Omnia consiga ler. Salve como PDF, DOCX, XLSX, CSV, HTML, TXT, MD ou JSON e adicione de novo.',
  'library.problem.binary-as-text':
    '{name} tem nome de arquivo de texto, mas contém dados binários. Abra no programa que o criou e exporte como texto.',
  'library.problem.too-large':
    '{name} tem {size}; o limite para este tipo de arquivo é {limit}. Divida o arquivo ou exporte uma parte menor.',
  'library.problem.truncated':
    '{name} termina antes da hora: foi cortado ao ser copiado ou baixado. Consiga uma cópia completa e adicione de novo.',
  'library.problem.encrypted':
    '{name} está protegido por senha. Salve uma cópia sem senha e adicione essa.',
  'library.problem.zip-bomb':
    '{name} descompactado passa de {limit}, demais para ler com segurança. Salve de novo pelo programa de origem ou divida o arquivo.',
  'library.problem.corrupt':
    '{name} não pôde ser lido ({reason}). Abra no programa de origem, salve de novo e adicione a nova cópia.',
  'library.problem.timeout':
    'A leitura de {name} passou de {seconds} segundos e foi interrompida. Divida em arquivos menores.',
  'library.problem.rows-capped':
    'Só as primeiras {kept} linhas foram indexadas. Divida o arquivo para indexar o resto.',
  'library.problem.rows-capped-total':
    'Só as primeiras {kept} de {total} linhas foram indexadas. Divida o arquivo para indexar o resto.',
  'library.problem.rows-capped-pages':
    'Só as primeiras {kept} de {total} páginas foram indexadas. Divida o PDF para indexar o resto.',
  'library.problem.rows-capped-blocks':
    'Só as primeiras {kept} de {total} partes de {name} (parágrafos, linhas ou grupos de linhas) foram indexadas. Divida o arquivo para indexar o resto.',
  'library.problem.columns-capped':
    'Só as primeiras {kept} de {total} colunas foram indexadas. Divida a tabela em arquivos mais estreitos para indexar o resto.',
  'library.problem.cells-capped':
    '{rows} linhas passavam de {chars} caracteres; só os primeiros {chars} caracteres de cada uma foram indexados. Tire os textos longos da tabela para indexar tudo.',
  'library.problem.cells-capped-one':
    'Uma linha passava de {chars} caracteres; só os primeiros {chars} caracteres dela foram indexados. Tire os textos longos da tabela para indexar tudo.',
  'library.problem.too-deep':
    '{name} aninha objetos e listas em mais de {depth} níveis, mais fundo do que a Biblioteca lê. Achate a estrutura, ou exporte como CSV ou JSON Lines, e adicione essa cópia.',
  'library.problem.too-deep-line':
    'A linha {line} de {name} aninha objetos e listas em mais de {depth} níveis, mais fundo do que a Biblioteca lê. Achate a estrutura, ou exporte como CSV, e adicione essa cópia.',
  'library.problem.media-failed': '{name} não pôde ser processado: {reason}',
  'library.problem.corrupt-image':
    '{name} começa como uma imagem {type}, mas os dados da imagem não puderam ser decodificados: está danificada ou não é de fato {type}. Abra num editor de imagens, salve de novo como PNG ou JPEG e adicione a nova cópia.',
  'library.problem.unknown-type-zip':
    '{name} é um arquivo zip, não um documento do Word ou do Excel. Descompacte e adicione os arquivos de dentro.',
  'library.problem.unknown-type-zip-xlsx':
    '{name} é um arquivo zip, mas não é uma planilha: não há uma pasta de trabalho do Excel dentro. Se deveria ser uma, abra num programa de planilhas, salve de novo como .xlsx e adicione essa cópia; se é um arquivo compactado, descompacte e adicione os arquivos de dentro.',
  'library.problem.unknown-type-zip-docx':
    '{name} é um arquivo zip, mas não é um documento do Word: não há texto de documento dentro. Se deveria ser um, abra num editor de textos, salve de novo como .docx e adicione essa cópia; se é um arquivo compactado, descompacte e adicione os arquivos de dentro.',
  'library.problem.unknown-type-pptx':
    '{name} é uma apresentação do PowerPoint, que a Biblioteca ainda não lê. Salve como PDF e adicione essa cópia.',
  'library.problem.unknown-type-opendocument':
    '{name} é um arquivo OpenDocument. Salve como .docx ou .xlsx e adicione essa cópia.',
  'library.problem.unknown-type-legacy-office':
    '{name} é um arquivo antigo do Word ou do Excel (.doc ou .xls), ou um arquivo do Office criptografado. Salve como .docx ou .xlsx sem senha e adicione essa cópia.',
  'library.problem.pages-need-ocr': 'As páginas {pages} não têm texto: aguardando OCR.',
  'library.problem.pages-need-ocr-one': 'A página {pages} não tem texto: aguardando OCR.',
  'library.problem.waiting-for-media':
    '{name} fica guardado; o texto dele virá com os recursos de voz e visão.',
  'library.problem.duplicate': '{name} já está na biblioteca; esta cópia não foi adicionada.',
  'library.problem.index-failed':
    '{name} foi lido, mas não pôde ser indexado: {reason}. Tente de novo; se continuar falhando, escolha outro modelo de embeddings.',
  'library.problem.cancelled': 'A adição de {name} foi cancelada.',
  'library.problem.unknownValue': '?',

  'library.docs.heading': 'Documentos',
  'library.docs.count': '{shown} de {total} documentos',
  'library.docs.loading': 'Carregando documentos…',
  'library.docs.empty': 'Nenhum documento ainda. Adicione arquivos acima para começar.',
  'library.docs.noMatch': 'Nenhum documento corresponde a estes filtros.',
  'library.docs.showMore': 'Mostrar mais {count}',
  'library.docs.filters': 'Filtrar documentos',
  'library.docs.filter.name': 'Nome',
  'library.docs.filter.collection': 'Coleção',
  'library.docs.filter.anyCollection': 'Qualquer coleção',
  'library.docs.filter.noCollection': 'Em nenhuma coleção',
  'library.docs.filter.status': 'Situação',
  'library.docs.filter.anyStatus': 'Qualquer situação',
  'library.docs.filter.clear': 'Limpar filtros',
  'library.date.field': 'Data',
  'library.date.addedAt': 'Data de inclusão',
  'library.date.documentDate': 'Data do documento',
  'library.date.from': 'De',
  'library.date.to': 'Até',
  'library.docs.pages': '{count, plural, =0 {# páginas} one {# página} other {# páginas}}',
  'library.docs.rows': '{count, plural, =0 {# linhas} one {# linha} other {# linhas}}',
  'library.docs.chunks': '{count, plural, =0 {# trechos} one {# trecho} other {# trechos}}',
  'library.docs.added': 'Incluído em {date}',
  'library.docs.documentDate': 'Datado de {date}',
  'library.docs.delete': 'Excluir',
  'library.docs.deleteLabel': 'Excluir {name}',
  'library.docs.retry': 'Tentar de novo',
  'library.docs.retryLabel': 'Tentar de novo: {name}',
  'library.docs.retryGone': 'Esta aba não tem mais o arquivo de {name}: adicione de novo.',
  'library.docs.deleteTitle': 'Excluir este documento?',
  'library.docs.deleteText':
    '“{name}”, seus trechos e suas entradas nos índices de busca serão removidos deste dispositivo. Não dá para desfazer.',
  'library.docs.deleteConfirm': 'Excluir documento',
  'library.docs.collections': 'Coleções',
  'library.docs.editCollections': 'Coleções de {name}',
  'library.docs.noCollections': 'Nenhuma coleção ainda: crie uma em Coleções.',

  'library.status.queued': 'Na fila',
  'library.status.processing': 'Processando',
  'library.status.ready': 'Pronto',
  'library.status.failed': 'Falhou',
  'library.status.waiting': 'Aguardando',

  'library.kind.pdf': 'PDF',
  'library.kind.docx': 'Word',
  'library.kind.xlsx': 'Excel',
  'library.kind.csv': 'CSV',
  'library.kind.html': 'HTML',
  'library.kind.txt': 'Texto',
  'library.kind.md': 'Markdown',
  'library.kind.json': 'JSON',
  'library.kind.jsonl': 'JSON Lines',
  'library.kind.image': 'Imagem',
  'library.kind.audio': 'Áudio',
  'library.kind.video': 'Vídeo',
  'library.kind.unknown': 'Arquivo',

  'library.collections.heading': 'Coleções',
  'library.collections.intro': 'Agrupe documentos para perguntar só a alguns deles.',
  'library.collections.newName': 'Nova coleção',
  'library.collections.create': 'Criar',
  'library.collections.empty': 'Nenhuma coleção ainda.',
  'library.collections.documents':
    '{count, plural, =0 {# documentos} one {# documento} other {# documentos}}',
  'library.collections.rename': 'Renomear',
  'library.collections.renameLabel': 'Novo nome para {name}',
  'library.collections.save': 'Salvar',
  'library.collections.delete': 'Excluir',
  'library.collections.deleteLabel': 'Excluir a coleção {name}',
  'library.collections.deleteTitle': 'Excluir esta coleção?',
  'library.collections.deleteText':
    'A coleção “{name}” será removida. Os documentos dela continuam na biblioteca.',
  'library.collections.deleteConfirm': 'Excluir coleção',
  'library.collections.nameTaken': 'Já existe uma coleção chamada “{name}”.',

  'library.ask.heading': 'Pergunte à biblioteca',
  'library.ask.label': 'Pergunta ou palavras a buscar',
  'library.ask.placeholder': 'Qual foi o orçamento de viagens em 2024?',
  'library.ask.submit': 'Perguntar',
  'library.ask.searching': 'Buscando…',
  'library.ask.filters': 'Onde procurar',
  'library.ask.collections': 'Coleções',
  'library.ask.wholeLibrary': 'Sem nenhuma marcada, a busca cobre a biblioteca toda.',
  'library.ask.noResults':
    'Nada na biblioteca corresponde. Tente outras palavras ou afrouxe os filtros.',
  'library.ask.emptyLibrary': 'Adicione documentos primeiro: as respostas vêm deles.',
  'library.ask.answer': 'Resposta a partir dos seus documentos',
  'library.ask.passages': 'Trechos, do mais relevante ao menos',
  'library.ask.citation': 'Abrir a fonte {index}: {label}',
  'library.ask.foundBy': 'encontrado por {how}',
  'library.ask.foundBy.keyword': 'palavras',
  'library.ask.foundBy.vector': 'significado',
  'library.ask.foundBy.both': 'palavras e significado',
  'library.ask.failed': 'A busca falhou: {detail}',
  'library.ask.modelLoading':
    'Carregando {model} para buscar pelo significado… {percent}%. A primeira resposta espera por ele; as seguintes, não.',
  'library.ask.open': 'Abrir',

  'library.index.heading': 'Índice de busca',
  'library.index.loading': 'Verificando o índice…',
  'library.index.vectors': '{chunks} trechos · palavras-chave + vetores ({model})',
  'library.index.partial': '{embedded} de {chunks} trechos têm vetores de {model}',
  'library.index.keywordOnly':
    '{chunks} trechos · só busca por palavras-chave — instale um modelo de embeddings para buscar pelo significado',
  'library.index.keywordOnlyChosen': '{chunks} trechos · só busca por palavras-chave',
  'library.index.modelsLink': 'Instale um em Modelos',
  'library.index.model': 'Modelo de embeddings',
  'library.index.none': 'Nenhum (só palavras-chave)',
  'library.index.indexWith': 'Indexar com {model}',
  'library.index.needsRepair':
    '{model} precisa de reparo: “{file}” sumiu deste dispositivo. Até lá, a Biblioteca busca só por palavras-chave.',
  'library.index.repairLink': 'Reparar em Modelos',

  'library.passage.heading': 'Trecho da fonte',
  'library.passage.close': 'Fechar',
  'library.passage.loading': 'Abrindo o trecho…',
  'library.passage.deleted': 'O documento deste trecho foi excluído.',
  'library.passage.failed': 'Não foi possível abrir o trecho: {detail}',
  'library.passage.page': 'Página {page}',
  'library.passage.sheet': 'Planilha {sheet}',
  'library.passage.rows': 'Linhas {from}–{to}',
  'library.passage.section': 'Seção: {section}',
};
