package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The JSON mapping of the Airflow API: unknown fields ignored, timestamps as ISO-8601 with an offset
 * ({@code 2026-11-01T00:00:00Z}, as Airflow writes and requires them). Done here rather than with Jackson's
 * JSR-310 module, which reaches the class path only through Spark.
 */
final class AirflowJson {
  private AirflowJson() {}

  static ObjectMapper mapper() {
    SimpleModule time = new SimpleModule("airflow-time");
    time.addSerializer(OffsetDateTime.class, new JsonSerializer<>() {
      @Override
      public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
      }
    });
    time.addDeserializer(OffsetDateTime.class, new JsonDeserializer<>() {
      @Override
      public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        if (text == null || text.isBlank()) {
          return null;
        }
        try {
          return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
          return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text,
              "not an ISO-8601 timestamp with an offset");
        }
      }
    });
    return new ObjectMapper()
        .registerModule(time)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }
}
