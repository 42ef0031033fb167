package com.billrun.billrun;

/** One email to one recipient: a plain-text body always, an HTML one where it reads better. */
public record Email(String to, String subject, String text, String html) {
}
