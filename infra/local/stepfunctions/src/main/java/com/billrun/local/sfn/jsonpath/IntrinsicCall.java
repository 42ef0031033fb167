package com.billrun.local.sfn.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed intrinsic function call, e.g. {@code States.Format('Hello, {}', $.name)}. Arguments are string
 * literals in single quotes (escapes: \' \{ \} \\), numbers, true/false/null, JSONPaths and nested calls
 * (Amazon States Language, "Intrinsic functions" — "Reserved characters in intrinsic functions").
 */
public record IntrinsicCall(String name, List<Argument> arguments) {

    static final Set<String> SUPPORTED = Set.of("States.Format", "States.StringToJson", "States.JsonToString",
            "States.Array", "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
            "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode", "States.Hash",
            "States.JsonMerge", "States.MathRandom", "States.MathAdd", "States.StringSplit", "States.UUID");

    public sealed interface Argument permits StringLiteral, Literal, PathArgument, IntrinsicCall.Nested {
    }

    /** Kept raw so that States.Format can tell an escaped brace from a placeholder. */
    public record StringLiteral(String raw) implements Argument {
        public String value() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    c = raw.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
    }

    public record Literal(JsonNode value) implements Argument {
    }

    public record PathArgument(String path) implements Argument {
    }

    public record Nested(IntrinsicCall call) implements Argument {
    }

    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    public static IntrinsicCall parse(String text) {
        Parser parser = new Parser(text);
        IntrinsicCall call = parser.call();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        IntrinsicCall call() {
            skipSpaces();
            int start = at;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.')) {
                at++;
            }
            String name = text.substring(start, at);
            if (!SUPPORTED.contains(name)) {
                throw error("unknown or unsupported intrinsic function '" + name + "'");
            }
            expect('(');
            List<Argument> arguments = new ArrayList<>();
            skipSpaces();
            if (peekIs(')')) {
                at++;
                return new IntrinsicCall(name, List.copyOf(arguments));
            }
            while (true) {
                arguments.add(argument());
                skipSpaces();
                if (peekIs(',')) {
                    at++;
                } else {
                    expect(')');
                    return new IntrinsicCall(name, List.copyOf(arguments));
                }
            }
        }

        private Argument argument() {
            skipSpaces();
            if (atEnd()) {
                throw error("missing argument");
            }
            char c = peek();
            if (c == '\'') {
                return stringLiteral();
            }
            if (c == '$') {
                return new PathArgument(pathText());
            }
            if (text.startsWith("States.", at)) {
                return new Nested(call());
            }
            int start = at;
            while (!atEnd() && peek() != ',' && peek() != ')') {
                at++;
            }
            String token = text.substring(start, at).trim();
            try {
                return new Literal(com.billrun.local.sfn.Json.parse(token));
            } catch (IllegalArgumentException e) {
                throw error("argument '" + token + "' is neither a 'string', a number, true, false, null, a path nor a call");
            }
        }

        private StringLiteral stringLiteral() {
            int start = ++at;
            while (!atEnd() && peek() != '\'') {
                at += peek() == '\\' ? 2 : 1;
            }
            if (atEnd()) {
                throw error("unterminated string literal");
            }
            return new StringLiteral(text.substring(start, at++));
        }

        /** A path ends at the ',' or ')' that is not inside brackets or quotes. */
        private String pathText() {
            int start = at;
            int depth = 0;
            char quote = 0;
            while (!atEnd()) {
                char c = peek();
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || (c == ')' && depth > 0)) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')')) {
                    break;
                }
                at++;
            }
            String path = text.substring(start, at).trim();
            JsonPaths.problem(path.startsWith("$$") ? path.substring(1) : path).ifPresent(problem -> {
                throw error(problem);
            });
            return path;
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                at++;
            }
        }

        private void expect(char c) {
            skipSpaces();
            if (!peekIs(c)) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        private char peek() {
            return text.charAt(at);
        }

        private boolean peekIs(char c) {
            return !atEnd() && peek() == c;
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("intrinsic function '" + text + "': " + message + " (at character " + at + ")");
        }
    }
}
