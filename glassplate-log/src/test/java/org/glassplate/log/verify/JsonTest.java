package org.glassplate.log.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsTheProofAnswer() throws Exception {
    Object v = Json.parse(" {\"from\": 2, \"to\":5,\"hashes\":[\"X4M/Chozygdql\\u0053eYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\"]} ");
    assertThat(v).isEqualTo(Map.of("from", new BigDecimal(2), "to", new BigDecimal(5),
        "hashes", List.of("X4M/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=")));
    List<byte[]> hashes = LogVerifier.parseConsistencyAnswer(
        "{\"from\":2,\"to\":5,\"hashes\":[\"X4M/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=\"]}".getBytes(StandardCharsets.UTF_8), 2, 5);
    assertThat(hashes).hasSize(1);
  }

  @Test
  void refusesMalformedJson() {
    List<String> bad = List.of("", "{", "{\"a\":1,}", "[1,]", "{\"a\":1}x", "{\"a\" 1}", "01", "1.", "\"\\x\"",
        "\"a\nb\"", "{\"a\":1,\"a\":2}", "tru", "[".repeat(40) + "]".repeat(40));
    for (String s : bad) {
      assertThatThrownBy(() -> Json.parse(s)).as("parse %s", s).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void refusesAnAnswerForOtherSizes() {
    assertThatThrownBy(() -> LogVerifier.parseConsistencyAnswer("{\"from\":1,\"to\":5,\"hashes\":[]}".getBytes(StandardCharsets.UTF_8), 2, 5))
        .hasMessageContaining("answers from=1 to=5, asked from=2 to=5");
    assertThatThrownBy(() -> LogVerifier.parseConsistencyAnswer("{\"from\":2,\"to\":5}".getBytes(StandardCharsets.UTF_8), 2, 5))
        .isInstanceOf(LogVerificationException.class);
  }
}
