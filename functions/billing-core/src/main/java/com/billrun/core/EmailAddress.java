package com.billrun.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one check of an email address, wherever one enters (an account's {@code billToEmail}, the {@code email} claim
 * of a token, which becomes a run's initiator and a schedule's owner): a plain {@code local@domain} that a mail
 * header can carry as it is. At most 254 characters (RFC 5321), exactly one '@', a local part of RFC 5322's
 * dot-atom characters (at most 64), a domain of letters, digits and hyphens with at least one dot. Quoted local
 * parts, comments, display names and non-ASCII addresses are refused, so no {@code <}, {@code >}, {@code ,},
 * space, quote or control character can turn one address into a list of recipients.
 */
public final class EmailAddress {

    private static final int MAX_LOCAL_PART_LENGTH = 64;
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private EmailAddress() {
    }

    public static boolean isValid(String address) {
        return problem(address).isEmpty();
    }

    /** Why {@code address} is not one, or empty when it is. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.of("is empty");
        }
        if (address.length() > RequestLimits.MAX_EMAIL_LENGTH) {
            return Optional.of("is longer than " + RequestLimits.MAX_EMAIL_LENGTH + " characters");
        }
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            return Optional.of("must hold exactly one '@'");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.matcher(local).matches()) {
            return Optional.of("has a name before '@' that is not 1-64 letters, digits, dots (not first, last or doubled)"
                    + " or !#$%&'*+/=?^_`{|}~- (no spaces, quotes, '<', '>' or ',')");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            return Optional.of("has a domain that is not letters, digits and hyphens with at least one dot");
        }
        return Optional.empty();
    }
}
