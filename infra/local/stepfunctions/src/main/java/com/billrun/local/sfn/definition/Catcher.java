package com.billrun.local.sfn.definition;

import com.billrun.local.sfn.jsonpath.ReferencePath;
import java.util.List;

/** A Catch entry; {@code resultPath} null means the error output is discarded (ResultPath: null). */
public record Catcher(List<String> errorEquals, ReferencePath resultPath, String next) {
}
