package io.socialcrm.generate;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Post texts in English, Spanish and Polish: fixed templates per kind of post, filled with brand mentions,
 * products, cities, order numbers, promo codes, links and emoji, then sometimes given a typo.
 *
 * <p>Placeholders: {b} the subject brand (as @handle, name or #hashtag), {c} a competitor, {p} a product,
 * {city}, {e} an emoji matching the tone, {h} a hashtag, {order}, {promo}, {link}, {user} (a username),
 * {theme} (a campaign's name), {name} (a first name).
 */
final class Texts {
  private Texts() {}

  enum Kind {
    POSITIVE, NEGATIVE, NEUTRAL, QUESTION, INTENT, COMPARE, ORDER, PROMO, COMPLAINT, REPLY_POSITIVE,
    REPLY_NEGATIVE, REPLY_QUESTION, QUOTE, SHARE_LINK, BRAND_CAMPAIGN, BRAND_PROMO, BRAND_ORGANIC, CARE_REPLY,
    CARE_REPLY_PAGE
  }

  /** Values for the placeholders of one text (any may be null when the template does not use it). */
  record Slots(int brand, int competitor, String city, String order, String promo, String link, String user,
      String theme, String name) {}

  private static final Map<Kind, String[][]> TEMPLATES = new EnumMap<>(Kind.class);

  private static void put(Kind kind, String[] en, String[] es, String[] pl) {
    TEMPLATES.put(kind, new String[][] {en, es, pl});
  }

  static {
    put(Kind.POSITIVE,
        new String[] {"Loving my new {p} from {b} {e}", "{b} nailed it again, best {p} I've owned {e}",
            "Shoutout to {b} customer service, super fast! {e}", "3rd winter with my {b} {p} and still going strong 💪"},
        new String[] {"Me encanta mi nueva {p} de {b} {e}", "Qué bonita la nueva colección de {b} ✨",
            "Calidad top, recomiendo {b} {e}", "Tercer invierno con mi {p} de {b} y como nueva 💪"},
        new String[] {"Uwielbiam moją nową {p} od {b} {e}", "Świetna jakość, polecam {b} {e}",
            "Zamówienie przyszło błyskawicznie, dzięki {b}! {e}",
            "Już trzeci sezon z {p} od {b} i żadnych problemów 💪"});
    put(Kind.NEGATIVE,
        new String[] {"My {p} from {b} fell apart after two weeks {e}",
            "Really disappointed with {b} quality lately {e}",
            "Never buying from {b} again {e}"},
        new String[] {"Pésima calidad, la {p} de {b} se rompió en dos semanas {e}", "{b} cada vez más caro y peor {e}",
            "No vuelvo a comprar en {b} {e}"},
        new String[] {"Źle uszyta {p}, szwy puściły po tygodniu. Nie polecam {b} {e}",
            "Cena w {b} poszła w górę, a jakość w dół {e}", "Dzień po zakupie {p} się rozpruła… {b} co jest? {e}"});
    put(Kind.NEUTRAL,
        new String[] {"Heading to the mountains this weekend {e} {h}",
            "Rainy day in {city}, perfect to test the new {p} {e}",
            "Anyone hiking near {city} tomorrow? ⛰️ {h}", "Saw the {b} window display in {city} today {e}"},
        new String[] {"Fin de semana en la sierra con mi {p} {e} {h}", "Hoy toca ruta por {city} ⛰️ {h}",
            "Lloviendo en {city}, perfecto para probar la {p} {e}", "He visto el escaparate de {b} en {city} {e}"},
        new String[] {"Weekend w górach z nowym {p} {e} {h}", "Ktoś idzie jutro na szlak? ⛰️ {h}",
            "Pogoda w {city} idealna na spacer {e}", "Widziałem witrynę {b} w {city} {e}"});
    put(Kind.QUESTION,
        new String[] {"{b} do you ship to {city}?", "Does anyone know if the {b} {p} runs small?",
            "{b} when is the new collection out? 🤔"},
        new String[] {"¿Alguien sabe si {b} envía a {city}?", "¿La {p} de {b} talla pequeño?",
            "{b} ¿cuándo llega la nueva colección? 🤔"},
        new String[] {"Czy {b} wysyła do {city}?", "Ktoś wie, czy {p} od {b} jest wodoodporna?",
            "{b} kiedy nowa kolekcja? 🤔"});
    put(Kind.INTENT,
        new String[] {"Where can I buy the {b} {p} in {city}?", "where can i buy {b} {p}?? {e}",
            "Thinking of getting a {p}, {b} or {c}? {e}", "Need a new {p}, any recommendations? {b}"},
        new String[] {"¿Dónde comprar la {p} de {b} en {city}?", "dónde comprar {p} de {b}?? {e}",
            "Quiero comprar una {p}, ¿{b} o {c}? {e}"},
        new String[] {"gdzie kupić {p} {b} w {city}?", "Gdzie kupić {b} {p}? Szukam od tygodnia",
            "Chcę kupić {p}, {b} czy {c}? {e}"});
    put(Kind.COMPARE,
        new String[] {"{c} vs {b} {p}: which one? 🤔", "Switched from {c} to {b} and never looking back {e}"},
        new String[] {"¿{c} o {b} para una {p}? 🤔", "Me pasé de {c} a {b} y no me arrepiento {e}"},
        new String[] {"{c} czy {b}? Który {p} lepszy? 🤔", "Przesiadłam się z {c} na {b} i nie żałuję {e}"});
    put(Kind.ORDER,
        new String[] {"Got my order {order} today, thanks {b} {e}", "{b} is order {order} still on its way?"},
        new String[] {"Ya me llegó el pedido {order}, gracias {b} {e}", "{b} ¿mi pedido {order} sigue en camino?"},
        new String[] {"Zamówienie {order} właśnie dotarło, dzięki {b} {e}",
            "{b} moje zamówienie {order} nadal w drodze?"});
    put(Kind.PROMO,
        new String[] {"Just used code {promo} at {b}, nice discount {e}", "Code {promo} works at {b}, go go go {e}"},
        new String[] {"Acabo de usar el código {promo} en {b} {e}",
            "El código {promo} funciona en {b}, ¡aprovechad! {e}"},
        new String[] {"Właśnie użyłam kodu {promo} w {b} {e}", "Kod {promo} działa w {b}, polecam! {e}"});
    put(Kind.COMPLAINT,
        new String[] {"{b} my order {order} still hasn't arrived, it's been 10 days {e}",
            "{b} why is nobody answering my emails?? {e}", "{b} you charged me twice for the same order, please fix",
            "{b} still waiting for my refund… {e}"},
        new String[] {"{b} mi pedido {order} todavía no ha llegado {e}",
            "Pésima atención al cliente de {b}, nadie responde {e}",
            "{b} me cobrasteis dos veces el mismo pedido, ¿me lo podéis devolver?",
            "{b} llevo una semana esperando el reembolso {e}"},
        new String[] {"{b} moje zamówienie {order} nadal nie dotarło {e}",
            "Fatalna obsługa klienta w {b}, nikt nie odpowiada na maile {e}",
            "{b} dostałem zły rozmiar i nie mogę wymienić, pomóżcie", "{b} od tygodnia czekam na zwrot pieniędzy {e}"});
    put(Kind.REPLY_POSITIVE,
        new String[] {"Looks amazing! {e}", "Take my money {e}", "Great deal {e}"},
        new String[] {"¡Qué pasada! {e}", "¡Me lo llevo! {e}", "Buenísima oferta {e}"},
        new String[] {"Wygląda świetnie! {e}", "Biorę! {e}", "Super promocja {e}"});
    put(Kind.REPLY_NEGATIVE,
        new String[] {"What about my complaint? {e}", "Too expensive… {e}", "I prefer {c}"},
        new String[] {"¿Y mi reclamación qué? {e}", "Muy caro… {e}", "Prefiero {c}"},
        new String[] {"A co z moją reklamacją? {e}", "Za drogo… {e}", "Wolę {c}"});
    put(Kind.REPLY_QUESTION,
        new String[] {"Is it available in M?", "Do you ship to {city}?", "Where can I buy it in a store?"},
        new String[] {"¿Hay talla M?", "¿Enviáis a {city}?", "¿Dónde comprar en tienda física?"},
        new String[] {"Jest w rozmiarze M?", "Wysyłacie do {city}?", "Gdzie kupić w sklepie stacjonarnym?"});
    put(Kind.QUOTE,
        new String[] {"Finally! {e}", "Hmm not sure… 🤔", "This is it {e}"},
        new String[] {"¡Por fin! {e}", "Mmm no sé… 🤔", "Esto sí {e}"},
        new String[] {"Wreszcie! {e}", "No nie wiem… 🤔", "To jest to {e}"});
    put(Kind.SHARE_LINK,
        new String[] {"Look what I found {link} {e}", "Good deal at {b} {link}"},
        new String[] {"Mirad lo que he encontrado {link} {e}", "Buena oferta en {b} {link}"},
        new String[] {"Patrzcie co znalazłam {link} {e}", "Dobra promocja w {b} {link}"});
    put(Kind.BRAND_CAMPAIGN,
        new String[] {"{theme} is here 🌱 Shop the collection {link} {h}", "New drop: our lightest {p} ever {link}"},
        new String[] {"¡Llega {theme}! Descubre la colección {link} {h}",
            "Nueva {p} ultraligera, ya disponible {link}"},
        new String[] {"{theme} już jest! Sprawdź kolekcję 🏔️ {link} {h}", "Nowa {p} już w sklepie {link}"});
    put(Kind.BRAND_PROMO,
        new String[] {"{theme}: up to 30% off with code {promo} 🎉 {link} {h}"},
        new String[] {"{theme}: hasta -30% con el código {promo} 🎉 {link} {h}"},
        new String[] {"{theme}: do -30% z kodem {promo} 🎉 {link} {h}"});
    put(Kind.BRAND_ORGANIC,
        new String[] {"Which trail are you hiking this weekend? ⛰️ {h}", "Our team in {city} is waiting for you 👋",
            "Thank you for 100k followers! 💙"},
        new String[] {"¿Qué ruta hacéis este finde? ⛰️ {h}", "Nuestro equipo de {city} os espera 👋",
            "¡Gracias por los 100 mil seguidores! 💙"},
        new String[] {"Jaki szlak wybieracie w ten weekend? ⛰️ {h}", "Nasz zespół w {city} czeka na Was 👋",
            "Dziękujemy za 100 tys. obserwujących! 💙"});
    put(Kind.CARE_REPLY,
        new String[] {"@{user} sorry to hear that! Please DM us your order number and we'll look into it 🙏"},
        new String[] {"@{user} sentimos las molestias. Escríbenos por DM con tu número de pedido 🙏"},
        new String[] {"@{user} przykro nam! Napisz do nas w wiadomości prywatnej z numerem zamówienia 🙏"});
    put(Kind.CARE_REPLY_PAGE,
        new String[] {"Hi {name}, sorry to hear that! Please send us a private message with your order number 🙏"},
        new String[] {"Hola {name}, sentimos las molestias. Envíanos un mensaje privado con tu número de pedido 🙏"},
        new String[] {"Cześć {name}, przykro nam! Wyślij nam prywatną wiadomość z numerem zamówienia 🙏"});
  }

  private static final String[][] PRODUCTS = {
      {"rain jacket", "hiking boots", "backpack", "down jacket", "thermos", "tent", "fleece"},
      {"chaqueta impermeable", "botas de montaña", "mochila", "plumífero", "termo", "tienda de campaña", "forro polar"},
      {"kurtka przeciwdeszczowa", "buty trekkingowe", "plecak", "kurtka puchowa", "termos", "namiot", "polar"}};
  private static final String[][] HASHTAGS = {
      {"#hiking", "#outdoors", "#trailrunning", "#camping"},
      {"#senderismo", "#montaña", "#monte", "#acampada"},
      {"#góry", "#trekking", "#wędrówki", "#szlak"}};
  private static final String[] HAPPY = {"😍", "🔥", "👍", "🙌", "✨", "💪", "❤️", "🏔️"};
  private static final String[] ANGRY = {"😡", "😤", "😒", "👎", "😭"};
  private static final String[] CALM = {"⛰️", "🎒", "🥾", "⛺", "🌲", "☀️"};

  static int lang(String lang) {
    return ProfileGenerator.langIndex(lang);
  }

  static String product(SplittableRandom r, int lang) {
    return Rng.pick(r, PRODUCTS[lang]);
  }

  /** Fills a random template of the kind; people's posts may get a typo. */
  static String text(SplittableRandom r, Kind kind, String lang, Slots slots, boolean mayHaveTypo) {
    int l = lang(lang);
    String template = pickTemplate(r, TEMPLATES.get(kind)[l], slots);
    String text = fill(r, template, kind, l, slots);
    return mayHaveTypo && r.nextDouble() < 0.12 ? typo(r, text, l) : text;
  }

  /** A template whose optional placeholders ({order}, {promo}, {link}, {theme}) all have values. */
  private static String pickTemplate(SplittableRandom r, String[] templates, Slots s) {
    String[] usable = new String[templates.length];
    int n = 0;
    for (String t : templates) {
      if ((s.order() != null || !t.contains("{order}")) && (s.promo() != null || !t.contains("{promo}"))
          && (s.link() != null || !t.contains("{link}")) && (s.theme() != null || !t.contains("{theme}"))) {
        usable[n++] = t;
      }
    }
    return n == 0 ? Rng.pick(r, templates) : usable[r.nextInt(n)];
  }

  private static String fill(SplittableRandom r, String template, Kind kind, int lang, Slots s) {
    StringBuilder sb = new StringBuilder(template.length() + 40);
    int i = 0;
    while (i < template.length()) {
      char ch = template.charAt(i);
      int close = ch == '{' ? template.indexOf('}', i) : -1;
      if (close < 0) {
        sb.append(ch);
        i++;
        continue;
      }
      String key = template.substring(i + 1, close);
      sb.append(switch (key) {
        case "b" -> brandRef(r, s.brand());
        case "c" -> brandRef(r, s.competitor());
        case "p" -> product(r, lang);
        case "city" -> s.city();
        case "e" -> emoji(r, kind);
        case "h" -> r.nextDouble() < 0.3 ? "#" + Brands.get(s.brand()).hashtag() : Rng.pick(r, HASHTAGS[lang]);
        case "order" -> s.order();
        case "promo" -> s.promo();
        case "link" -> s.link();
        case "user" -> s.user();
        case "theme" -> s.theme();
        case "name" -> s.name();
        default -> throw new IllegalStateException("unknown placeholder " + key);
      });
      i = close + 1;
    }
    return sb.toString().strip();
  }

  /** A brand as people write it: @handle (a mention), its name, or its hashtag. */
  private static String brandRef(SplittableRandom r, int brand) {
    Brands.Brand b = Brands.get(brand);
    double u = r.nextDouble();
    return u < 0.6 ? "@" + b.xHandle() : u < 0.85 ? b.name() : "#" + b.hashtag();
  }

  private static String emoji(SplittableRandom r, Kind kind) {
    return switch (kind) {
      case NEGATIVE, COMPLAINT, REPLY_NEGATIVE -> Rng.pick(r, ANGRY);
      case NEUTRAL, QUESTION -> Rng.pick(r, CALM);
      default -> Rng.pick(r, HAPPY);
    };
  }

  /** One typo: swapped, dropped or doubled letter in a plain word, accents dropped, or all lower case. */
  static String typo(SplittableRandom r, String text, int lang) {
    int kind = r.nextInt(5);
    if (kind == 3 && lang > 0) {
      return Names.deaccent(text);
    }
    if (kind == 4) {
      return text.toLowerCase(Locale.ROOT);
    }
    String[] words = text.split(" ", -1);
    for (int attempt = 0; attempt < 5; attempt++) {
      int w = r.nextInt(words.length);
      String word = words[w];
      if (word.length() < 4 || !word.chars().allMatch(Character::isLetter)) {
        continue;
      }
      int at = 1 + r.nextInt(word.length() - 2);
      words[w] = switch (kind) {
        case 0 -> word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
        case 1 -> word.substring(0, at) + word.substring(at + 1);
        default -> word.substring(0, at) + word.charAt(at) + word.substring(at);
      };
      return String.join(" ", words);
    }
    return text;
  }
}
