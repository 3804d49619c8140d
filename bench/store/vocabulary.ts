import { Random } from './random.js';

/**
 * The head of the vocabulary, most frequent first: everyday chat words in English, Portuguese,
 * Spanish and French, diacritics included, as a multilingual account's history mixes them.
 */
const COMMON_WORDS = `
the e de que o a y to you la é não eu i it and is el en um in se me what no com of for
on para por mas ok je est pas sim lol tu yes sí está vc do das na have my just can you're
that this be so we are te lo una muy hoy aqui aquí amanhã mañana então voilà déjà très
hi oi olá hola bom dia good morning obrigado gracias merci thanks night noite buenas noches
where onde dónde où when quando cuándo quand now agora ahora maintenant tomorrow today hoje
call ligar llamar appeler later depois después après meeting reunião reunión réunion
coffee café lunch almoço almuerzo déjeuner dinner jantar cena dîner home casa maison work
trabalho trabajo travail send enviar envoyer photo foto video vídeo audio áudio message
mensagem mensaje meeting price preço precio prix money dinheiro dinero argent week semana
semaine month mês mes mois year ano año année time tempo tiempo temps weekend fim festa
fiesta fête birthday aniversário cumpleaños anniversaire happy feliz heureux love amor
amour family família familia famille mother mãe madre mère father pai padre père kids
filhos niños enfants school escola escuela école doctor médico médecin hospital farmácia
pharmacy farmacia pharmacie flight voo vuelo vol hotel reserva réservation ticket bilhete
boleto billet train trem tren car carro coche voiture bus ônibus autobús station estação
estación gare airport aeroporto aeropuerto aéroport address endereço dirección adresse
please por favor s'il plaît sorry desculpa perdón désolé problem problema problème
question pergunta pregunta urgent urgente important importante project projeto proyecto
projet client cliente report relatório informe rapport invoice fatura factura facture
contract contrato contrat document documento password senha contraseña mot passe
`;

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'j', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'ch', 'cl', 'gr', 'pl', 'qu', 'st', 'tr', 'nh', 'll'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ei', 'ou', 'ão', 'é', 'á', 'í', 'ó', 'ú', 'ê', 'ç', 'ñ'];
const CODAS = ['', '', '', 'n', 's', 'r', 'l', 'm', 'x', 'nt'];

/**
 * `size` distinct lower-case words, most frequent first: the common words above, then made-up
 * words of two to four syllables (about one in five with a diacritic), standing in for the names,
 * places and topics that make up the long tail of real chats.
 */
export function buildVocabulary(size: number, seed = 7): string[] {
  const words = [...new Set(COMMON_WORDS.split(/\s+/).filter(Boolean).map((word) => word.toLowerCase()))];
  const seen = new Set(words);
  const random = new Random(seed);
  while (words.length < size) {
    let word = '';
    const syllables = random.int(2, 4);
    for (let i = 0; i < syllables; i += 1) word += random.pick(ONSETS) + random.pick(VOWELS) + (i === syllables - 1 ? random.pick(CODAS) : '');
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words.slice(0, size);
}
