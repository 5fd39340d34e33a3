# ruff: noqa: RUF001 -- Cyrillic letters and European punctuation on purpose
"""Complaints as customers write them in the languages of Western Europe, all of them
Latin-1 text (ISO-8859-1, Windows-1252), and in Russian, for the tests telling Russian
sent under a Latin-1 label from Latin-1 text: written for these tests, in the accents and
capitals each language has."""

from __future__ import annotations

FRENCH = [
    "Bonjour, j'ai commandé une cafetière le 3 novembre et elle est arrivée cassée.",
    "Le livreur a déposé le colis devant la porte sans sonner, et il a été volé.",
    "Très déçu: la télé reçue était cassée, l'écran fêlé, et le délai de réparation dépassé.",
    "Je souhaite être remboursé intégralement, y compris les frais de réexpédition.",
    "Votre service après-vente ne répond ni au téléphone ni aux e-mails depuis deux semaines.",
    "À côté de la boîte, il y avait une facture erronée: 149,99 € au lieu de 99,99 €.",
    "Où est passée ma commande? Ça fait déjà un mois que j'attends, c'est inacceptable.",
    "Le produit ne correspond pas à la description: la couleur est différente et la qualité médiocre.",
]
GERMAN = [
    "Sehr geehrte Damen und Herren, ich möchte mich über die Lieferung beschweren.",
    "Die Waschmaschine wurde beschädigt geliefert, die Tür schließt nicht mehr richtig.",
    "Trotz mehrfacher Nachfrage habe ich bis heute keine Rückerstattung erhalten.",
    "Der Kundendienst war unhöflich und hat das Gespräch einfach beendet.",
    "Ich bitte um Erstattung des Kaufpreises in Höhe von 249,00 € innerhalb von 14 Tagen.",
    "Für die Verspätung übernehmen Sie offenbar keine Verantwortung, das ist ärgerlich.",
    "Größe und Gewicht stimmen nicht mit der Beschreibung überein; äußerst enttäuschend.",
    "Mit freundlichen Grüßen, Jürgen Müller, Straße des 17. Juni 5, Köln",
]
ITALIAN = [
    "Perché è già così? La città è più bella, però il caffè è freddo e il tè è là.",
    "Buongiorno, il pacco è arrivato danneggiato e la lavatrice non funziona più.",
    "Ho chiamato il servizio clienti tre volte, ma nessuno mi ha richiamato finora.",
    "Chiedo il rimborso immediato: è già passato un mese e la qualità è pessima.",
    "Il corriere non è mai passato, però il sito dice che la consegna è avvenuta.",
    "Non è possibile che nel 2026 un negozio così grande non risponda alle email.",
    "È così: è già più di metà, perciò è ciò che è.",
    "La fattura è sbagliata, l'importo è di 89,90 € anziché 59,90 €.",
]
SPANISH = [
    "Buenos días, el pedido llegó roto y nadie responde a mis correos electrónicos.",
    "Compré un teléfono móvil hace dos semanas y la batería ya no carga.",
    "¿Por qué me cobraron dos veces? Exijo la devolución del importe inmediatamente.",
    "El técnico vino tarde, no solucionó nada y además fue muy grosero conmigo.",
    "La información de la página web es engañosa: el envío no era gratuito.",
    "Quiero presentar una reclamación formal por el retraso de más de un mes.",
    "Atención al cliente es pésima; llevo días esperando una respuesta útil.",
    "El señor Núñez, de Logroño, recibió una caja vacía. ¡Qué vergüenza!",
]
PORTUGUESE = [
    "Bom dia, a encomenda chegou danificada e não consigo falar com ninguém.",
    "Já liguei várias vezes para o serviço de atendimento, sem solução.",
    "Solicito a devolução do valor pago, pois o produto não corresponde à descrição.",
    "A entrega estava prevista para terça-feira, mas só chegou três semanas depois.",
]
ICELANDIC = [
    "Góðan daginn, pöntunin mín kom skemmd og þjónustuverið svarar ekki.",
    "Ég óska eftir endurgreiðslu þar sem varan er gölluð.",
]
LANGUAGES = {
    "fr": FRENCH,
    "de": GERMAN,
    "it": ITALIAN,
    "es": SPANISH,
    "pt": PORTUGUESE,
    "is": ICELANDIC,
}
RUSSIAN = [
    "Утюг пришел сломан. Курьер грубил. Хочу деньги сейчас.",
    "Верните деньги за сломанный утюг",
    "Добрый день. Оператор колл-центра положил трубку, так и не решив мою проблему.",
    "Товар не соответствует описанию, прошу заменить или вернуть оплату.",
    "Заказ № 48213 доставили с опозданием на две недели, коробка была мокрой.",
    "Здравствуйте! Я уже третий раз пишу в «Ваш магазин», но ответа так и не получил.",
    "Прошу вернуть деньги — стиральная машина не работает с первого дня.",
    "Ещё раз: курьер не приехал, хотя я ждал его весь день дома.",
]
