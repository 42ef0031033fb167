package com.billrun.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reference a reader follows resolves inside the repository: Markdown links, Markdown files named in code
 * and docs, and no citation of a design document or an issue number that a clone does not have
 * ({@link RepositoryLinks} says exactly what is checked). Runs in {@code ./billrun test}, so in CI.
 */
class RepositoryLinksTest {

    /*
     * The fixtures below write "{md}" for ".md", and spell the missing design document and the word "issue" in
     * parts, so that this file, which the repository check reads too, names none of the files that exist only in
     * the temporary repositories.
     */
    private static final String MISSING_DESIGN_DOC = "DESIGN" + ".md";
    private static final String ISSUE = "iss" + "ue";

    @TempDir
    Path repo;

    @Test
    void everyLinkAndCitationInTheRepositoryResolves() {
        Path root = ProjectRoot.find().orElseThrow(() -> new AssertionError("no repository root (-Dbillrun.root)"));
        assertTrue(Files.isRegularFile(root.resolve("template.yaml")), root + " is not the repository root");
        List<String> offences = RepositoryLinks.offences(root);
        assertTrue(offences.isEmpty(), offences.size() + " reference(s) a reader cannot follow:\n  "
                + String.join("\n  ", offences));
    }

    // ----------------------------------------------------------------------------------- the matcher itself

    @Test
    void aMarkdownLinkToAnExistingFileOrFolderPasses() throws IOException {
        write("docs/GUIDE{md}", "# Guide\n");
        write("functions/store/DATA-MODEL{md}", "# Data\n");
        write("README{md}", """
                See [the guide](docs/GUIDE{md}), [its intro](docs/GUIDE{md}#guide), ![a folder](functions/store)
                and [the data model](./functions/store/DATA-MODEL{md} "title").
                [ref]: docs/GUIDE{md}
                """);
        write("docs/OTHER{md}", "Back to [the readme](../README{md}) and [from the root](/functions/store/DATA-MODEL{md}).\n");
        assertEquals(List.of(), offences());
    }

    @Test
    void aMarkdownLinkToAMissingFileFailsWithItsFileAndLine() throws IOException {
        write("docs/GUIDE{md}", """
                # Guide

                The [rules](../functions/billing-core/RULES{md}#proration) live elsewhere.
                [gone]: missing/
                """);
        assertEquals(md(List.of(
                "docs/GUIDE{md}:3: link to ../functions/billing-core/RULES{md}#proration, which does not exist",
                "docs/GUIDE{md}:4: link to missing/, which does not exist")), offences());
    }

    @Test
    void aLinkResolvesFromTheMarkdownFilesFolderNotTheRoot() throws IOException {
        write("template.yaml", "x: 1\n");
        write("docs/GUIDE{md}", "See [the template](template.yaml).\n");
        assertEquals(md(List.of("docs/GUIDE{md}:1: link to template.yaml, which does not exist")), offences());
    }

    @Test
    void aLinkOutsideTheRepositoryFails() throws IOException {
        write("outside.txt", "x");
        write("inner/README{md}", "See [elsewhere](../outside.txt).\n");
        assertEquals(md(List.of("README{md}:1: link to ../outside.txt, which does not exist")),
                RepositoryLinks.offences(repo.resolve("inner")));
    }

    @Test
    void webMailAndAnchorLinksAndLinksInCodeAreNotChecked() throws IOException {
        write("README{md}", """
                [AWS](https://aws.amazon.com/x{md}), [mail](mailto:a@b.example), [below](#layout),
                `[not a link](nowhere.txt)`
                ```
                [not a link either](nowhere.txt)
                ```
                """);
        assertEquals(List.of(), offences());
    }

    @Test
    void aMarkdownFileNamedInASourceFileMustExist() throws IOException {
        write("functions/billing-core/RULES{md}", "# Rules\n");
        write("functions/billing-core/src/Money.java", """
                /** Rounding (functions/billing-core/RULES{md}, RULES{md}, ../RULES{md}). */
                class Money { String doc = "functions/store/DATA-MODEL{md}"; }
                """);
        write("infra/statemachine/run.asl.json", "{\"Comment\": \"see docs/ARCHITECTURE{md}\"}\n");
        write("pom.xml", "<!-- see NOTES{md} -->\n");
        write("billrun", "#!/usr/bin/env bash\n# see README{md}\n");
        assertEquals(md(List.of(
                "billrun:2: names README{md}, which is not in the repository",
                "functions/billing-core/src/Money.java:2: names functions/store/DATA-MODEL{md}, which is not in the repository",
                "infra/statemachine/run.asl.json:1: names docs/ARCHITECTURE{md}, which is not in the repository",
                "pom.xml:1: names NOTES{md}, which is not in the repository")), offences());
    }

    @Test
    void aNameWithAFolderResolvesFromTheRootOrTheCitingFolderAndABareNameFromAnywhere() throws IOException {
        write("functions/store/DATA-MODEL{md}", "# Data\n");
        write("functions/store/src/Keys.java", "// functions/store/DATA-MODEL{md}, ../DATA-MODEL{md}, DATA-MODEL{md}\n");
        write("infra/Other.java", "// DATA-MODEL{md} is the store's; https://example.com/GONE{md} is not ours\n");
        assertEquals(List.of(), offences());
    }

    @Test
    void aMissingDesignDocumentOrAnIssueNumberFails() throws IOException {
        write("README{md}", "Decided in " + ISSUE + " 6.\n");
        write("src/A.java", "// see " + MISSING_DESIGN_DOC + " section 4\n// " + ISSUE.toUpperCase() + " #12 says so\n");
        write("src/B.java", "// a tissue 5 times, issued 3 days ago\n");
        List<String> offences = offences();
        assertEquals(4, offences.size(), offences.toString());
        assertTrue(offences.get(0).startsWith(md("README{md}:1: cites an issue number")), offences.toString());
        assertTrue(offences.get(1).startsWith("src/A.java:1: names " + MISSING_DESIGN_DOC), offences.toString());
        assertTrue(offences.get(2).startsWith("src/A.java:1: cites a design document"), offences.toString());
        assertTrue(offences.get(3).startsWith("src/A.java:2: cites an issue number"), offences.toString());
    }

    @Test
    void generatedAndThirdPartyFoldersAreSkipped() throws IOException {
        write("infra/local/node/node_modules/pkg/README{md}", "[x](nowhere{md}) " + ISSUE + " 1\n");
        write("functions/store/target/classes/A.json", "{\"a\": \"NOWHERE{md}\"}\n");
        write(".git/HEAD{md}", "[x](nowhere{md})\n");
        assertEquals(List.of(), offences());
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(md(path));
        Files.createDirectories(file.getParent());
        Files.writeString(file, md(content));
    }

    private List<String> offences() {
        return RepositoryLinks.offences(repo);
    }

    private static List<String> md(List<String> expected) {
        return expected.stream().map(RepositoryLinksTest::md).toList();
    }

    private static String md(String text) {
        return text.replace("{md}", ".md");
    }
}
