package com.billrun.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads aws-ses-v2-local's {@code GET /store}: {@code {emails: [{messageId, from, destination: {to}, subject, body: {text, html}, at}]}}. */
final class LocalSesMailbox implements SesMailbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI store;
    private final HttpClient http = HttpClient.newHttpClient();

    LocalSesMailbox(URI sesEndpoint) {
        this.store = sesEndpoint.resolve("/store");
    }

    @Override
    public List<SentEmail> sentEmails() {
        try {
            String body = http.send(HttpRequest.newBuilder(store).build(), HttpResponse.BodyHandlers.ofString()).body();
            List<SentEmail> emails = new ArrayList<>();
            for (JsonNode email : JSON.readTree(body).path("emails")) {
                emails.add(new SentEmail(
                        email.path("messageId").asText(),
                        email.path("from").asText(),
                        texts(email.path("destination").path("to")),
                        email.path("subject").asText(),
                        email.path("body").path("text").asText(null),
                        email.path("body").path("html").asText(null),
                        Instant.ofEpochSecond(email.path("at").asLong())));
            }
            return emails;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + store, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
