package org.glassplate.server.web;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the servlet container writes the parts of a multipart upload while the request lasts (the vendor audit
 * exports, issue 17: 100 to 200 MB each): {@code ${glassplate.data-dir}/incoming}, on the data directory's disk,
 * rather than the system's temporary folder, which is memory on many Linux systems. Every part is written there
 * from its first byte ({@code spring.servlet.multipart.file-size-threshold=0}) and a feature moves it where it keeps
 * it (a rename on the same disk). The limits are Spring Boot's ({@code spring.servlet.multipart.*}); an explicit
 * {@code spring.servlet.multipart.location} is kept. What a stopped server left there is deleted at start.
 */
@Configuration
class UploadLocation {

  @Bean
  MultipartConfigElement multipartConfigElement(MultipartProperties properties,
      @Value("${glassplate.data-dir}") Path dataDir) throws IOException {
    if (properties.getLocation() == null || properties.getLocation().isBlank()) {
      Path incoming = dataDir.resolve("incoming").toAbsolutePath().normalize();
      Files.createDirectories(incoming);
      try (Stream<Path> left = Files.list(incoming)) {
        for (Path p : left.filter(Files::isRegularFile).toList()) {
          Files.deleteIfExists(p);
        }
      }
      properties.setLocation(incoming.toString());
    }
    return properties.createMultipartConfig();
  }
}
