package org.glassplate.server.policy;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a policy document into {@link PolicyContent}, strictly: every section of Civil Code
 * 1798.90.51 must be there, unknown fields are refused (a typo would otherwise publish a rule that
 * nothing enforces), and every problem names its line and field. Only YAML's node graph is built
 * (no Java objects are constructed from tags), with aliases and size bounded.
 */
final class PolicyParser {
  static final int MAX_CHARS = 256 * 1024;
  static final Set<String> HOTLIST_SOURCES = Set.of("local", "state", "ncic");
  /** What the read store keeps; the document must say exactly this. */
  static final List<String> STORED_FIELDS = List.of("plate", "state", "captureTime", "location", "camera",
      "confidence", "vehicleMake", "vehicleColor", "vehicleType");
  static final List<String> ROLES = List.of("operator", "investigator", "supervisor", "administrator", "auditor");
  static final Duration MIN_RETENTION = Duration.ofMinutes(1);
  static final Duration MAX_RETENTION = Duration.ofDays(3650);

  private static final Pattern WORDS = Pattern.compile(
      "(\\d{1,6})\\s*(minute|minutes|min|hour|hours|h|day|days|d|week|weeks)", Pattern.CASE_INSENSITIVE);

  private PolicyParser() {
  }

  static PolicyContent parse(String document) {
    return parse(document, null);
  }

  /** Parses, and when {@code expectedState} is given, requires {@code agency.state} to be it. */
  static PolicyContent parse(String document, String expectedState) {
    if (document == null || document.isBlank()) {
      throw new InvalidPolicy(1, "", "the document is empty");
    }
    if (document.length() > MAX_CHARS) {
      throw new InvalidPolicy(1, "", "the document is longer than " + MAX_CHARS + " characters");
    }
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      options.setAllowRecursiveKeys(false);
      options.setCodePointLimit(MAX_CHARS * 2);
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(document));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : "not valid YAML";
      throw new InvalidPolicy(m == null ? 1 : m.getLine() + 1, "", "not valid YAML: " + problem
          + (m == null ? "" : " (column " + (m.getColumn() + 1) + ")"));
    } catch (YAMLException e) {
      throw new InvalidPolicy(1, "", "not valid YAML");
    }
    if (root == null) {
      throw new InvalidPolicy(1, "", "the document is empty");
    }
    Section doc = Section.of(root, "", 1);

    String title = doc.text("title");
    Section agency = doc.section("agency");
    String agencyName = agency.text("name");
    String agencyState = agency.text("state");
    if (!agencyState.matches("[A-Z]{2}")) {
      throw agency.error("state", "must be a two-letter state code such as CA");
    }
    if (expectedState != null && !expectedState.equals(agencyState)) {
      throw agency.error("state", "must be " + expectedState + ", the state this installation serves");
    }
    agency.done();
    String authority = doc.text("authority");

    Section p = doc.section("purposes");
    List<String> authorized = p.texts("authorized", 1);
    List<ProhibitedPurpose> prohibited = new ArrayList<>();
    Set<String> categories = new HashSet<>();
    for (Section s : p.sections("prohibited", 1)) {
      String category = s.text("category");
      if (!category.matches("[A-Z][A-Z0-9_]{1,63}")) {
        throw s.error("category", "must be UPPER_CASE letters, digits and _");
      }
      if (!categories.add(category)) {
        throw s.error("category", "appears twice");
      }
      String description = s.text("description");
      List<String> terms = s.texts("terms", 1);
      for (int i = 0; i < terms.size(); i++) {
        if (PurposeScreen.tokens(terms.get(i)).isEmpty()) {
          throw s.error("terms", "term " + (i + 1) + " has no letters or digits");
        }
      }
      s.done();
      prohibited.add(new ProhibitedPurpose(category, description, terms));
    }
    List<String> notProhibited = p.optionalTexts("notProhibited");
    List<String> vague = p.optionalTexts("vague");
    for (String key : List.of("notProhibited", "vague")) {
      List<String> items = key.equals("vague") ? vague : notProhibited;
      for (int i = 0; i < items.size(); i++) {
        if (PurposeScreen.tokens(items.get(i)).isEmpty()) {
          throw p.error(key, "item " + (i + 1) + " has no letters or digits");
        }
      }
    }
    p.done();

    Section c = doc.section("collection");
    List<String> collected = c.texts("collected", 1);
    for (String f : collected) {
      if (!STORED_FIELDS.contains(f)) {
        throw c.error("collected", "unknown item '" + f + "': the read store keeps only " + STORED_FIELDS);
      }
    }
    for (String f : STORED_FIELDS) {
      if (!collected.contains(f)) {
        throw c.error("collected", "the read store keeps '" + f + "', so the policy must list it");
      }
    }
    List<String> notCollected = c.texts("notCollected", 1);
    c.done();

    Section a = doc.section("access");
    Section r = a.section("roles");
    Map<String, String> roles = new LinkedHashMap<>();
    for (String role : ROLES) {
      roles.put(role, r.text(role));
    }
    r.done();
    String contractors = a.text("contractors");
    String identification = a.text("identification");
    Section t = a.section("training");
    String course = t.text("course");
    Duration validity = t.duration("validity", Duration.ofDays(1), MAX_RETENTION);
    t.done();
    int inactivityDays = a.integer("inactivityDays", 1, 3650);
    a.done();

    Section m = doc.section("monitoring");
    PolicyContent.Monitoring monitoring =
        new PolicyContent.Monitoring(m.text("description"), m.text("selfAudit"), m.text("misuseReport"));
    m.done();

    Section sh = doc.section("sharing");
    String sharingDescription = sh.text("description");
    List<SharingAgreement> agreements = new ArrayList<>();
    List<Section> scopes = new ArrayList<>(); // of each agreement, checked against retention and offenses below
    String listField;
    if (sh.has("recipients")) {
      if (sh.has("agreements")) {
        throw sh.error("recipients", "list sharing.agreements only (recipients is its older name)");
      }
      listField = "sharing.recipients";
      agreements.addAll(recipients(sh));
    } else {
      listField = "sharing.agreements";
      Set<String> ids = new HashSet<>();
      for (Section s : sh.sections("agreements", 0)) {
        agreements.add(agreement(s, ids, scopes));
      }
    }
    sh.done();

    Section cu = doc.section("custodian");
    PolicyContent.Custodian custodian =
        new PolicyContent.Custodian(cu.text("title"), cu.optionalText("designee"), cu.text("contact"));
    cu.done();

    Section ac = doc.section("accuracy");
    String accuracy = ac.text("description");
    ac.done();

    Section re = doc.section("retention");
    Duration nonHit = re.duration("nonHit", MIN_RETENTION, MAX_RETENTION);
    Duration hit = re.duration("hit", MIN_RETENTION, MAX_RETENTION);
    if (hit.compareTo(nonHit) < 0) {
      throw re.error("hit", "must be at least as long as retention.nonHit");
    }
    Duration maxHold = re.duration("maxLegalHold", Duration.ZERO, MAX_RETENTION);
    Duration maxExtension = re.duration("maxExtension", Duration.ZERO, MAX_RETENTION);
    String retentionDescription = re.text("description");
    re.done();

    Section se = doc.section("search");
    List<Offense> offenses = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (Section s : se.sections("offenses", 1)) {
      String code = s.text("code");
      if (!code.matches("[A-Z][A-Z0-9_]{1,39}")) {
        throw s.error("code", "must be 2 to 40 of A-Z, 0-9 and _, starting with a letter");
      }
      if (!codes.add(code)) {
        throw s.error("code", "appears twice");
      }
      String name = s.text("name");
      s.done();
      offenses.add(new Offense(code, name));
    }
    se.done();

    // a partner's query never reaches past our retention, nor names an offense our policy does not list
    for (int i = 0; i < scopes.size(); i++) {
      Section scope = scopes.get(i);
      SharingAgreement.Scope sc = agreements.get(i).terms().scope();
      if (sc.lookback().compareTo(nonHit) > 0) {
        throw scope.error("lookback", "must not be longer than retention.nonHit (" + nonHit
            + "): a partner's query never reaches past what we keep");
      }
      for (String code : sc.offenses()) {
        if (!codes.contains(code)) {
          throw scope.error("offenses", "unknown offense code '" + code + "': use codes of search.offenses");
        }
      }
    }

    Section h = doc.section("hotlists");
    List<String> sources = h.texts("sources", 0);
    Set<String> sourceSet = new LinkedHashSet<>();
    for (String s : sources) {
      if (!HOTLIST_SOURCES.contains(s)) {
        throw h.error("sources", "unknown source '" + s + "': use local, state or ncic");
      }
      if (!sourceSet.add(s)) {
        throw h.error("sources", "'" + s + "' appears twice");
      }
    }
    String hotlistDescription = h.text("description");
    h.done();
    PolicyContent.Oversight oversight = oversight(doc);
    doc.done();

    PolicyContent content = new PolicyContent(title, agencyName, agencyState, authority,
        new PolicyContent.Purposes(authorized, prohibited, notProhibited, vague),
        new PolicyContent.Collection(collected, notCollected),
        new PolicyContent.Access(roles, contractors, identification, course, validity, inactivityDays),
        monitoring, new PolicyContent.Sharing(sharingDescription, agreements, listField), custodian, accuracy,
        new PolicyContent.Retention(nonHit, hit, maxHold, maxExtension, retentionDescription),
        offenses, new PolicyContent.Hotlists(sourceSet, hotlistDescription), oversight);

    // The offense list must not itself name a prohibited purpose.
    PurposeScreen screen = PurposeScreen.of(content);
    List<Section> offenseSections = se.sections("offenses", 1);
    for (int i = 0; i < offenses.size(); i++) {
      PurposeScreen.Screening s = screen.screen(offenses.get(i).code().replace('_', ' '), offenses.get(i).name());
      if (s.prohibited()) {
        throw offenseSections.get(i).error("name", "names a prohibited purpose (" + s.category() + ")");
      }
    }
    return content;
  }

  /**
   * The optional {@code oversight} section: the thresholds of the misuse rules (R-GOV-4). Every field
   * may be left out, and then the default applies; one that is there is checked like any other.
   */
  private static PolicyContent.Oversight oversight(Section doc) {
    PolicyContent.Oversight d = PolicyContent.Oversight.DEFAULTS;
    Section o = doc.optionalSection("oversight");
    if (o == null) {
      return d;
    }
    List<String> placeholders = o.has("placeholderCaseNumbers") ? o.wordLists("placeholderCaseNumbers")
        : d.placeholderCaseNumbers();
    List<String> vague = o.has("vagueReasons") ? o.wordLists("vagueReasons") : d.vagueReasons();
    List<String> labels = o.has("nonPurposeReasons") ? o.wordLists("nonPurposeReasons") : d.nonPurposeReasons();

    int days = d.repeatedPlateDays();
    Duration within = d.repeatedPlateWithin();
    Section rp = o.optionalSection("repeatedPlate");
    if (rp != null) {
      days = rp.has("days") ? rp.integer("days", 2, 365) : days;
      within = rp.has("within") ? rp.duration("within", Duration.ofDays(1), Duration.ofDays(365)) : within;
      if (Duration.ofDays(days - 1L).compareTo(within) >= 0) {
        throw rp.error("days", "must be fewer than the days in repeatedPlate.within (" + within.toDays() + ")");
      }
      rp.done();
    }
    Duration retried = o.has("retriedWithin") ? o.duration("retriedWithin", Duration.ofMinutes(1), Duration.ofDays(1))
        : d.retriedWithin();

    java.time.LocalTime from = d.workingHoursFrom();
    java.time.LocalTime to = d.workingHoursTo();
    Section wh = o.optionalSection("workingHours");
    if (wh != null) {
      from = wh.timeOfDay("from");
      to = wh.timeOfDay("to");
      wh.done();
    }

    Duration window = d.highVolumeWindow();
    int times = d.highVolumeTimesPeerMedian();
    int atLeast = d.highVolumeAtLeast();
    Section hv = o.optionalSection("highVolume");
    if (hv != null) {
      window = hv.has("window") ? hv.duration("window", Duration.ofHours(1), Duration.ofDays(31)) : window;
      times = hv.has("timesPeerMedian") ? hv.integer("timesPeerMedian", 2, 1000) : times;
      atLeast = hv.has("atLeast") ? hv.integer("atLeast", 2, 1_000_000) : atLeast;
      hv.done();
    }

    int wildcards = d.broadSearchWildcards();
    int percent = d.broadSearchLookbackPercent();
    Section bs = o.optionalSection("broadSearch");
    if (bs != null) {
      wildcards = bs.has("wildcards") ? bs.integer("wildcards", 1, 20) : wildcards;
      percent = bs.has("lookbackPercent") ? bs.integer("lookbackPercent", 1, 100) : percent;
      bs.done();
    }
    Duration dormant = o.has("dormantAfter") ? o.duration("dormantAfter", Duration.ofDays(1), MAX_RETENTION)
        : d.dormantAfter();
    o.done();
    return new PolicyContent.Oversight(placeholders, vague, labels, days, within, retried, from, to, window, times,
        atLeast, wildcards, percent, dormant);
  }

  /** The entries of a document written before agreements had terms: the agency and a reference only. */
  private static List<SharingAgreement> recipients(Section sh) {
    List<SharingAgreement> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Section s : sh.sections("recipients", 0)) {
      String id = id(s, ids);
      String name = s.text("name");
      String state = state(s);
      String typeName = s.text("type");
      SharingAgreement.Kind kind = SharingAgreement.Kind.fromRecipientType(typeName);
      if (kind == null) {
        throw s.error("type", "must be one of city, county, state, special-district, federal, private");
      }
      String agreement = s.optionalText("agreement");
      s.done();
      out.add(SharingAgreement.recipient(id, name, state, kind, agreement));
    }
    return out;
  }

  /** One entry of {@code sharing.agreements}; its scope section is added to {@code scopes}. */
  private static SharingAgreement agreement(Section s, Set<String> ids, List<Section> scopes) {
    String id = id(s, ids);
    String name = s.text("name");
    String state = state(s);
    SharingAgreement.Kind kind = SharingAgreement.Kind.fromYaml(s.text("kind"));
    if (kind == null) {
      throw s.error("kind", "must be one of local, state-agency, federal, private");
    }
    URI url;
    try {
      url = new URI(s.text("url"));
    } catch (URISyntaxException e) {
      throw s.error("url", "must be a URL such as https://partner.example.gov");
    }
    String urlProblem = SharingAgreement.urlProblem(url);
    if (urlProblem != null) {
      throw s.error("url", urlProblem);
    }
    String publicKey = s.text("publicKey");
    String keyProblem = SharingAgreement.publicKeyProblem(publicKey);
    if (keyProblem != null) {
      throw s.error("publicKey", keyProblem);
    }
    SharingAgreement.Direction direction = SharingAgreement.Direction.fromYaml(s.text("direction"));
    if (direction == null) {
      throw s.error("direction", "must be we-answer, they-answer or both");
    }
    Section sc = s.section("scope");
    List<String> cameraIds = sc.allOrTexts("cameras");
    List<Long> cameras = new ArrayList<>();
    for (String c : cameraIds == null ? List.<String>of() : cameraIds) {
      if (!c.matches("[1-9][0-9]{0,17}")) {
        throw sc.error("cameras", "must be all or a list of camera ids (whole numbers)");
      }
      if (cameras.contains(Long.parseLong(c))) {
        throw sc.error("cameras", "camera " + c + " appears twice");
      }
      cameras.add(Long.parseLong(c));
    }
    String reads = sc.text("reads");
    if (!reads.equals("all") && !reads.equals("hits-only")) {
      throw sc.error("reads", "must be all or hits-only");
    }
    Duration lookback = sc.duration("lookback", MIN_RETENTION, MAX_RETENTION);
    List<String> offenses = sc.texts("offenses", 1);
    if (new HashSet<>(offenses).size() != offenses.size()) {
      throw sc.error("offenses", "an offense code appears twice");
    }
    sc.done();
    LocalDate starts = s.date("starts");
    LocalDate expires = s.date("expires");
    if (!expires.isAfter(starts)) {
      throw s.error("expires", "must be after starts (" + starts + ")");
    }
    String reference = s.text("reference");
    // optional (issue 15): partners under an agreement witness each other's logs
    String witnessKey = s.optionalText("witnessKey");
    if (witnessKey != null && SharingAgreement.witnessKeyProblem(witnessKey) != null) {
      throw s.error("witnessKey", SharingAgreement.witnessKeyProblem(witnessKey));
    }
    String logKey = s.optionalText("logKey");
    if (logKey != null && SharingAgreement.logKeyProblem(logKey) != null) {
      throw s.error("logKey", SharingAgreement.logKeyProblem(logKey));
    }
    s.done();
    scopes.add(sc);
    return new SharingAgreement(id, name, state, kind, reference, new SharingAgreement.Terms(url, publicKey,
        direction, new SharingAgreement.Scope(cameraIds == null, cameras, reads.equals("hits-only"), lookback,
            offenses), starts, expires, witnessKey, logKey));
  }

  private static String id(Section s, Set<String> ids) {
    String id = s.text("id");
    if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw s.error("id", "must be 1 to 64 of a-z, 0-9 and -");
    }
    if (!ids.add(id)) {
      throw s.error("id", "appears twice");
    }
    return id;
  }

  private static String state(Section s) {
    String state = s.text("state");
    if (!state.matches("[A-Z]{2}")) {
      throw s.error("state", "must be a two-letter state code");
    }
    return state;
  }

  /**
   * A duration: ISO-8601 ({@code P30D}, {@code PT3M}, {@code P1DT12H}) or a number and a unit
   * ({@code 30 days}, {@code 3 minutes}, {@code 12 hours}, {@code 2 weeks}).
   */
  static Duration parseDuration(String s) {
    String v = s.trim();
    if (v.regionMatches(true, 0, "P", 0, 1)) {
      try {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = WORDS.matcher(v);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "minute", "minutes", "min" -> Duration.ofMinutes(n);
      case "hour", "hours", "h" -> Duration.ofHours(n);
      case "day", "days", "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** A mapping of the document, with the path of fields read so far; reports problems by line and field. */
  static final class Section {
    private final String path;
    private final Node node;
    private final int keyLine;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    private Section(String path, MappingNode node, int keyLine) {
      this.path = path;
      this.node = node;
      this.keyLine = keyLine;
      for (NodeTuple tuple : node.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new InvalidPolicy(line(tuple.getKeyNode()), path, "keys must be plain words");
        }
        if (entries.put(key.getValue(), tuple) != null) {
          throw new InvalidPolicy(line(key), field(key.getValue()), "appears twice");
        }
      }
    }

    static Section of(Node node, String path) {
      return of(node, path, line(node));
    }

    /** A section whose key is on {@code keyLine}, where a missing field is reported. */
    static Section of(Node node, String path, int keyLine) {
      if (!(node instanceof MappingNode map)) {
        throw new InvalidPolicy(line(node), path, "must be a mapping of fields");
      }
      return new Section(path, map, keyLine);
    }

    private String field(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    private static int line(Node n) {
      return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }

    InvalidPolicy error(String key, String message) {
      NodeTuple tuple = entries.get(key);
      return new InvalidPolicy(tuple == null ? line(node) : line(tuple.getValueNode()), field(key), message);
    }

    private Node value(String key) {
      read.add(key);
      NodeTuple tuple = entries.get(key);
      if (tuple == null || isNull(tuple.getValueNode())) {
        return null;
      }
      return tuple.getValueNode();
    }

    private static boolean isNull(Node n) {
      return n instanceof ScalarNode s && (s.getTag().getValue().endsWith(":null") || s.getValue().isBlank());
    }

    private Node required(String key) {
      Node n = value(key);
      if (n == null) {
        throw new InvalidPolicy(keyLine, field(key), "is required");
      }
      return n;
    }

    String text(String key) {
      Node n = required(key);
      if (!(n instanceof ScalarNode s)) {
        throw new InvalidPolicy(line(n), field(key), "must be text");
      }
      return s.getValue().trim();
    }

    String optionalText(String key) {
      Node n = value(key);
      if (n == null) {
        return null;
      }
      if (!(n instanceof ScalarNode s)) {
        throw new InvalidPolicy(line(n), field(key), "must be text");
      }
      return s.getValue().trim();
    }

    boolean has(String key) {
      return entries.containsKey(key);
    }

    /** {@code all}, as null, or a non-empty list of texts. */
    List<String> allOrTexts(String key) {
      Node n = required(key);
      if (n instanceof ScalarNode s) {
        if (!s.getValue().trim().equals("all")) {
          throw new InvalidPolicy(line(n), field(key), "must be all or a list");
        }
        return null;
      }
      return texts(n, key, 1);
    }

    /** A calendar date such as {@code 2025-07-01}. */
    LocalDate date(String key) {
      String v = text(key);
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw error(key, "must be a date such as 2025-07-01");
      }
    }

    /** A section that may be left out: null when it is. */
    Section optionalSection(String key) {
      Node n = value(key);
      return n == null ? null : Section.of(n, field(key), line(entries.get(key).getKeyNode()));
    }

    /** A list of phrases, each with a letter or a digit. */
    List<String> wordLists(String key) {
      List<String> items = texts(key, 0);
      for (int i = 0; i < items.size(); i++) {
        if (!items.get(i).codePoints().anyMatch(Character::isLetterOrDigit)) {
          throw error(key, "item " + (i + 1) + " has no letters or digits");
        }
      }
      return items;
    }

    /** A local time of day such as {@code "06:00"} or {@code "22:30"}. */
    java.time.LocalTime timeOfDay(String key) {
      String v = text(key);
      if (!v.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
        throw error(key, "must be a time of day such as 06:00 or 22:30 (24-hour clock)");
      }
      return java.time.LocalTime.parse(v);
    }

    Section section(String key) {
      Node n = required(key);
      return Section.of(n, field(key), line(entries.get(key).getKeyNode()));
    }

    List<String> texts(String key, int min) {
      Node n = required(key);
      return texts(n, key, min);
    }

    List<String> optionalTexts(String key) {
      Node n = value(key);
      return n == null ? List.of() : texts(n, key, 0);
    }

    private List<String> texts(Node n, String key, int min) {
      if (!(n instanceof SequenceNode seq)) {
        throw new InvalidPolicy(line(n), field(key), "must be a list");
      }
      List<String> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
          throw new InvalidPolicy(line(item), field(key), "item " + (out.size() + 1) + " must be non-empty text");
        }
        out.add(s.getValue().trim());
      }
      if (out.size() < min) {
        throw new InvalidPolicy(line(n), field(key), "needs at least " + min + (min == 1 ? " item" : " items"));
      }
      return out;
    }

    List<Section> sections(String key, int min) {
      Node n = required(key);
      if (!(n instanceof SequenceNode seq)) {
        throw new InvalidPolicy(line(n), field(key), "must be a list");
      }
      List<Section> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        out.add(Section.of(item, field(key) + "[" + out.size() + "]"));
      }
      if (out.size() < min) {
        throw new InvalidPolicy(line(n), field(key), "needs at least " + min + (min == 1 ? " item" : " items"));
      }
      return out;
    }

    Duration duration(String key, Duration min, Duration max) {
      String v = text(key);
      Duration d = parseDuration(v);
      if (d == null) {
        throw error(key, "must be a duration such as P30D, PT3M or '30 days'");
      }
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw error(key, "must be between " + min + " and " + max);
      }
      return d;
    }

    int integer(String key, int min, int max) {
      String v = text(key);
      int i;
      try {
        i = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw error(key, "must be a whole number");
      }
      if (i < min || i > max) {
        throw error(key, "must be between " + min + " and " + max);
      }
      return i;
    }

    /** Refuses fields nobody read: a misspelt field would otherwise be published but not enforced. */
    void done() {
      for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
        if (!read.contains(e.getKey())) {
          throw new InvalidPolicy(line(e.getValue().getKeyNode()), field(e.getKey()), "unknown field");
        }
      }
    }
  }
}
