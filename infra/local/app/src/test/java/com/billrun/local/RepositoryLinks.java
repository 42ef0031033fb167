package com.billrun.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the references in the repository that a reader cannot follow (see CONTRIBUTING.md, "Docs that must stay
 * true"):
 * <ul>
 *   <li>a relative Markdown link ({@code [text](path)}, {@code [text](path#anchor)}, {@code [ref]: path}) whose
 *       file or folder does not exist, resolved from the Markdown file's folder (a leading {@code /} from the
 *       repository root); web, mail and pure {@code #anchor} links are not checked, nor links in code;</li>
 *   <li>a {@code *.md} file named anywhere in a source file (Java, YAML, JSON, pom.xml, shell scripts, ./billrun,
 *       TypeScript/JavaScript) or in a Markdown file that does not exist: a name with a {@code /} resolves from the
 *       repository root or from the citing file's folder, a bare name ({@code RULES.md}) must be the name of some
 *       Markdown file of the repository;</li>
 *   <li>a design document that is not in the repository, or an issue number (the word "issue", an optional
 *       {@code #}, then digits; any case), in any of those files: a clone cannot follow either.</li>
 * </ul>
 * Folders that are not the project's own sources are skipped: {@code .git}, {@code node_modules}, {@code target},
 * {@code .billrun}, {@code .idea}, {@code .mvn}.
 */
final class RepositoryLinks {

    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", "target", ".billrun", ".idea", ".mvn");
    private static final List<String> SOURCE_SUFFIXES = List.of(".java", ".yaml", ".yml", ".json", ".sh", ".ts", ".js");

    /** {@code [text](target)} or {@code ![alt](target)}, with an optional title after the target. */
    private static final Pattern INLINE_LINK = Pattern.compile("\\[[^\\]]*]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+[\"'(][^)]*)?\\)");
    /** A reference definition: {@code [ref]: target}. */
    private static final Pattern REFERENCE_LINK = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    /** A Markdown file's name as prose or code cites it: {@code RULES.md}, {@code functions/store/DATA-MODEL.md}. */
    private static final Pattern MD_NAME = Pattern.compile("(?<![\\w./-])([\\w./-]*\\w\\.md)(?![\\w-])");
    /** The design document this repository never had; spelled so that this file does not name it. */
    private static final Pattern MISSING_DESIGN_DOC = Pattern.compile("\\bDESIGN\\.md\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ISSUE_NUMBER = Pattern.compile("\\bissues?\\s*#?\\s*\\d+", Pattern.CASE_INSENSITIVE);

    private final Path root;
    private final Set<String> markdownNames = new TreeSet<>();
    private final List<Path> markdownFiles = new ArrayList<>();
    private final List<Path> sourceFiles = new ArrayList<>();

    private RepositoryLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every offence under {@code root} as {@code path:line: what}, paths relative to the root, in file order. */
    static List<String> offences(Path root) {
        RepositoryLinks links = new RepositoryLinks(root);
        links.collect();
        List<String> offences = new ArrayList<>();
        for (Path markdown : links.markdownFiles) {
            links.checkMarkdown(markdown, offences);
        }
        for (Path source : links.sourceFiles) {
            links.checkSource(source, offences);
        }
        return offences;
    }

    private void collect() {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && SKIPPED_FOLDERS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString();
                    if (name.toLowerCase(Locale.ROOT).endsWith(".md")) {
                        markdownFiles.add(file);
                        markdownNames.add(name);
                    } else if (isSource(file, name)) {
                        sourceFiles.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        markdownFiles.sort(null);
        sourceFiles.sort(null);
    }

    /** Sources as listed above, and any other script: a file without an extension that starts with {@code #!}. */
    private static boolean isSource(Path file, String name) {
        if (name.equals("pom.xml") || SOURCE_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return true;
        }
        if (name.contains(".")) {
            return false;
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).startsWith("#!");
        } catch (IOException e) {
            return false;
        }
    }

    private void checkMarkdown(Path file, List<String> offences) {
        List<String> lines = lines(file);
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String names = line;
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
            } else if (!inFence) {
                String prose = CODE_SPAN.matcher(line).replaceAll(" ");
                checkLinks(file, i + 1, INLINE_LINK.matcher(prose), offences);
                checkLinks(file, i + 1, REFERENCE_LINK.matcher(prose), offences);
                names = withoutLinkTargets(line); // checked as links already: one offence each
            }
            checkNames(file, i + 1, names, line, offences);
        }
    }

    private static String withoutLinkTargets(String line) {
        StringBuilder text = new StringBuilder(line);
        for (Pattern link : List.of(INLINE_LINK, REFERENCE_LINK)) {
            Matcher matcher = link.matcher(line);
            while (matcher.find()) {
                for (int at = matcher.start(1); at < matcher.end(1); at++) {
                    text.setCharAt(at, ' ');
                }
            }
        }
        return text.toString();
    }

    private void checkSource(Path file, List<String> offences) {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            checkNames(file, i + 1, lines.get(i), lines.get(i), offences);
        }
    }

    private void checkLinks(Path file, int line, Matcher links, List<String> offences) {
        while (links.find()) {
            String target = links.group(1);
            if (target.startsWith("<") && target.endsWith(">")) {
                target = target.substring(1, target.length() - 1);
            }
            if (target.isEmpty() || target.startsWith("#") || SCHEME.matcher(target).find()) {
                continue;
            }
            String path = target.replaceFirst("[#?].*$", "");
            path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            Path resolved = path.startsWith("/") ? root.resolve(path.substring(1)) : file.getParent().resolve(path);
            if (!exists(resolved)) {
                offences.add(where(file, line) + "link to " + target + ", which does not exist");
            }
        }
    }

    /** {@code names}: the text whose Markdown file names are checked; {@code text}: the whole line. */
    private void checkNames(Path file, int line, String names, String text, List<String> offences) {
        String withoutUrls = URL.matcher(names).replaceAll(" ");
        Matcher cited = MD_NAME.matcher(withoutUrls);
        while (cited.find()) {
            String name = cited.group(1);
            if (!citable(file, name)) {
                offences.add(where(file, line) + "names " + name + ", which is not in the repository");
            }
        }
        if (MISSING_DESIGN_DOC.matcher(text).find()) {
            offences.add(where(file, line) + "cites a design document that is not in the repository");
        }
        Matcher issue = ISSUE_NUMBER.matcher(text);
        if (issue.find()) {
            offences.add(where(file, line) + "cites an issue number (\"" + issue.group() + "\"): say what it means instead");
        }
    }

    private boolean citable(Path file, String name) {
        if (!name.contains("/")) {
            return markdownNames.contains(name);
        }
        String relative = name.startsWith("/") ? name.substring(1) : name;
        return exists(root.resolve(relative)) || exists(file.getParent().resolve(name));
    }

    /** Exists and stays inside the repository. */
    private boolean exists(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        return normal.startsWith(root) && Files.exists(normal);
    }

    private String where(Path file, int line) {
        return root.relativize(file).toString().replace('\\', '/') + ":" + line + ": ";
    }

    private static List<String> lines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
