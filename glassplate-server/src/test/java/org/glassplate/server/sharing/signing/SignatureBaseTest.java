package org.glassplate.server.sharing.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureBaseTest {
  static final List<String> B26_COMPONENTS =
      List.of("date", "@method", "@path", "@authority", "content-type", "content-length");
  static final SignatureParameters B26 =
      SignatureParameters.of(B26_COMPONENTS, Instant.ofEpochSecond(1618884473), null, null, "test-key-ed25519", null);

  @Test
  void reproducesTheSignatureBaseOfRfc9421AppendixB26() throws SignatureRejected {
    assertThat(SignatureBase.of(Vectors.testRequest(), B26)).isEqualTo(Vectors.text("rfc9421-b26-signature-base.txt"));
  }

  record Case(String component, String want) {
  }

  @Test
  void derivesEachComponentOfTheTestRequest() throws SignatureRejected {
    RequestMessage request = Vectors.testRequest();
    for (Case c : List.of(
        new Case("@method", "POST"),
        new Case("@target-uri", "https://example.com/foo?param=Value&Pet=dog"),
        new Case("@authority", "example.com"),
        new Case("@scheme", "https"),
        new Case("@request-target", "/foo?param=Value&Pet=dog"),
        new Case("@path", "/foo"),
        new Case("@query", "?param=Value&Pet=dog"),
        new Case("host", "example.com"))) {
      String got = SignatureBase.of(request, SignatureParameters.of(List.of(c.component()), null, null, null, null, null));
      assertThat(got).as(c.component()).isEqualTo("\"" + c.component() + "\": " + c.want() + "\n\"@signature-params\": (\""
          + c.component() + "\")");
    }
  }

  @Test
  void normalizesTheAuthorityAndAnEmptyPathAndQuery() throws SignatureRejected {
    RequestMessage m = new RequestMessage("GET", URI.create("HTTPS://Node.Example:443"), Map.of(), null);
    assertThat(SignatureBase.of(m, params("@authority", "@path", "@query")))
        .startsWith("\"@authority\": node.example\n\"@path\": /\n\"@query\": ?\n");
    RequestMessage port = new RequestMessage("GET", URI.create("http://node.example:8443/x"), Map.of(), null);
    assertThat(SignatureBase.of(port, params("@authority"))).startsWith("\"@authority\": node.example:8443\n");
  }

  @Test
  void trimsFieldValuesAndJoinsSeveralWithCommaSpace() throws SignatureRejected {
    Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
    fields.put("X-Multi", List.of("  one ", "two\t"));
    fields.put("x-MULTI", List.of("three"));
    RequestMessage m = new RequestMessage("GET", URI.create("https://a.example/"), fields, null);
    assertThat(SignatureBase.of(m, params("x-multi"))).startsWith("\"x-multi\": one, two, three\n");
  }

  @Test
  void serializesParametersAsStructuredFields() {
    SignatureParameters p = new SignatureParameters(List.of("@method", "content-digest"),
        new java.util.LinkedHashMap<>(Map.of("created", 1700000000L)));
    assertThat(p.serialize()).isEqualTo("(\"@method\" \"content-digest\");created=1700000000");
    assertThat(SignatureParameters.forFederation("agency \"A\"\\1", Instant.ofEpochSecond(1700000000),
        Instant.ofEpochSecond(1700000300), "n1").serialize())
        .isEqualTo("(\"@method\" \"@target-uri\" \"content-digest\");created=1700000000;expires=1700000300"
            + ";nonce=\"n1\";keyid=\"agency \\\"A\\\"\\\\1\";alg=\"ed25519\"");
  }

  @Test
  void refusesAMissingComponentByName() {
    assertThatThrownBy(() -> SignatureBase.of(Vectors.testRequest(), params("@method", "content-digest", "x-absent")))
        .isInstanceOf(SignatureRejected.class).hasMessage("MISSING_COMPONENT: x-absent");
  }

  @Test
  void refusesAComponentListedTwice() {
    assertThatThrownBy(() -> SignatureBase.of(Vectors.testRequest(), params("@method", "date", "@method")))
        .isInstanceOf(SignatureRejected.class).hasMessage("MALFORMED: component listed twice: @method");
  }

  @Test
  void refusesALineBreakInAValueWithoutQuotingIt() {
    RequestMessage m = new RequestMessage("POST", URI.create("https://a.example/"),
        Map.of("x-evil", List.of("ok\n\"@method\": GET")), null);
    assertThatThrownBy(() -> SignatureBase.of(m, params("x-evil")))
        .isInstanceOf(SignatureRejected.class)
        .hasMessage("MALFORMED: line break, control or non-ASCII character in the value of x-evil");
  }

  @Test
  void refusesUnknownOrUppercaseDerivedComponentsAndSignatureParams() {
    for (String component : List.of("@status", "@Method", "Date", "@signature-params", "")) {
      assertThatThrownBy(() -> SignatureBase.of(Vectors.testRequest(), params(component))).as(component)
          .isInstanceOf(SignatureRejected.class)
          .extracting(e -> ((SignatureRejected) e).failure()).isEqualTo(SignatureFailure.MALFORMED);
    }
  }

  private static SignatureParameters params(String... components) {
    return SignatureParameters.of(List.of(components), null, null, null, null, null);
  }
}
