package com.billrun.usecases.billrun;

import java.util.List;

/** One email to one recipient: a plain-text body always, an HTML one where it reads better, and attachments. */
public record Email(String to, String subject, String text, String html, List<Attachment> attachments) {

    /** A file sent with the email, e.g. the invoice as PDF. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    public Email {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public Email(String to, String subject, String text, String html) {
        this(to, subject, text, html, List.of());
    }
}
