/**
 * The demo's sample documents, bundled as text so demo mode works offline and with no model:
 * they arrive in the demo chunk (precached with the app) and go through the Library's normal
 * ingest, so its keyword index answers questions about them with citations. Invented places
 * and companies; no real personal data.
 */
import type { Locale } from '../locale';

export interface DemoDocument {
  /** File name as the Library shows it (the extension picks the Markdown parser). */
  name: string;
  language: Locale;
  text: string;
}

export interface DemoQuestion {
  language: Locale;
  text: string;
}

export const DEMO_DOCUMENTS: readonly DemoDocument[] = [
  {
    name: 'politica-de-trocas-loja-aurora.md',
    language: 'pt-BR',
    text: `# Política de trocas e devoluções — Loja Aurora

## Prazo para devolução
O cliente pode devolver qualquer produto em até 30 dias corridos após o recebimento, sem precisar explicar o motivo. Produtos com defeito podem ser trocados em até 90 dias.

## Como devolver
Para devolver, abra um pedido de devolução na página "Meus pedidos" e leve o produto, na embalagem original, a uma agência dos Correios. O frete da devolução é gratuito.

## Reembolso
O reembolso é feito na mesma forma de pagamento da compra, em até 10 dias úteis depois que o produto chega ao nosso centro de distribuição em Campinas.

## Produtos sem troca
Produtos de higiene pessoal abertos, cartões-presente e itens personalizados não podem ser devolvidos, exceto quando apresentarem defeito.
`,
  },
  {
    name: 'guia-jardim-botanico-vila-serena.md',
    language: 'pt-BR',
    text: `# Guia do visitante — Jardim Botânico de Vila Serena

## Horário de funcionamento
O jardim abre de terça a domingo, das 8h às 17h. Às segundas-feiras fica fechado para manutenção.

## Ingressos
A entrada inteira custa R$ 20. Estudantes e pessoas acima de 60 anos pagam meia-entrada. Crianças até 6 anos não pagam.

## Estufa das orquídeas
A estufa das orquídeas reúne mais de 400 espécies nativas da Mata Atlântica. As visitas guiadas acontecem aos sábados, às 10h, com vagas limitadas a 25 pessoas.

## Regras
É proibido levar animais de estimação, exceto cães-guia. Piqueniques são permitidos apenas no gramado central.
`,
  },
  {
    name: 'harbor-bikes-rental-handbook.md',
    language: 'en',
    text: `# Harbor Bikes — rental handbook

## Prices
A city bike costs $4 per hour or $18 per day. An electric bike costs $9 per hour or $40 per day. Helmets are included at no extra cost.

## Opening hours
The harbor shop is open every day from 7 am to 9 pm. Bikes must be returned before closing time, or a late fee of $15 applies.

## Safety
Riders under 16 must wear a helmet. Electric bikes are limited to 25 km/h and may not be ridden on the beach boardwalk.

## Damage and theft
Every rental includes basic damage cover. A stolen bike must be reported to the shop and to the police within 24 hours.
`,
  },
  {
    name: 'greenfield-library-card-guide.md',
    language: 'en',
    text: `# Greenfield Public Library — card guide

## Getting a card
Anyone who lives, works or studies in Greenfield can get a library card for free. Bring a photo ID and proof of address to the front desk.

## Borrowing
Cardholders can borrow up to 15 items at a time. Books are lent for three weeks; films and games for one week.

## Renewals
Items can be renewed twice, online or by phone, unless another reader has reserved them.

## Fines
The library charges no late fines for children's books. Other items cost 25 cents per day late, up to a maximum of $5 per item.
`,
  },
];

/** Questions the demo suggests, answered by the documents above. */
export const DEMO_QUESTIONS: readonly DemoQuestion[] = [
  { language: 'pt-BR', text: 'Qual é o prazo para devolver um produto?' },
  { language: 'pt-BR', text: 'Quanto custa a entrada do jardim botânico?' },
  { language: 'en', text: 'How much does an electric bike cost per hour?' },
  { language: 'en', text: 'How many items can I borrow at a time?' },
];

/** The suggested questions in `locale` first, then the others. */
export function demoQuestionsFor(locale: Locale): DemoQuestion[] {
  return [...DEMO_QUESTIONS].sort(
    (a, b) => Number(b.language === locale) - Number(a.language === locale),
  );
}
