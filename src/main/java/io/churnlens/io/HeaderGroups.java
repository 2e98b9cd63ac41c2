package io.churnlens.io;

import io.churnlens.config.ChurnlensConfig;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The input files grouped by their header (the list of column names): one Spark read per distinct header, however
 * many files share it. Header-less inputs form one group under {@code input.columns}.
 *
 * @param groups     header → the files that carry it, in listing order
 * @param headerOnly files with a header and no data row
 * @param empty      files with no bytes at all (no header, no rows: skipped)
 */
record HeaderGroups(Map<List<String>, List<String>> groups, List<String> headerOnly, List<String> empty) {

    static HeaderGroups single(List<String> columns, List<String> files) {
        return new HeaderGroups(Map.of(List.copyOf(columns), files), List.of(), List.of());
    }

    /** Files already grouped by their column names (Parquet footers). */
    static HeaderGroups ofColumns(Map<List<String>, List<String>> groups) {
        requireOneSpellingPerColumn(groups);
        return new HeaderGroups(groups, List.of(), List.of());
    }

    static HeaderGroups of(List<FileHeaders.Probe> probes, ChurnlensConfig.Input input) {
        Map<List<String>, List<String>> groups = new LinkedHashMap<>();
        List<String> headerOnly = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (FileHeaders.Probe probe : probes) {
            if (probe.header() == null) {
                empty.add(probe.file());
                continue;
            }
            if (!probe.hasData()) {
                headerOnly.add(probe.file());
            }
            groups.computeIfAbsent(names(probe, input), k -> new ArrayList<>()).add(probe.file());
        }
        if (groups.isEmpty()) {
            throw new InputException("every input file is empty (no header line): " + sample(empty));
        }
        requireOneSpellingPerColumn(groups);
        return new HeaderGroups(groups, headerOnly, empty);
    }

    /** Names that differ only in case would be one ambiguous column once the files are aligned by name. */
    private static void requireOneSpellingPerColumn(Map<List<String>, List<String>> groups) {
        Map<String, String> firstSpelling = new java.util.HashMap<>();
        Map<String, String> fileOf = new java.util.HashMap<>();
        groups.forEach((header, files) -> header.forEach(name -> {
            String key = name.toLowerCase(java.util.Locale.ROOT);
            String other = firstSpelling.putIfAbsent(key, name);
            fileOf.putIfAbsent(name, files.get(0));
            if (other != null && !other.equals(name)) {
                throw new InputException("input files spell one column two ways: '" + other + "' in " + fileOf.get(other)
                        + ", '" + name + "' in " + files.get(0) + "; use one spelling in every export");
            }
        }));
    }

    /** Every column some file has, in order of first appearance. */
    List<String> known() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        groups.keySet().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** The required columns that some file has but the files of this header lack. */
    List<String> missing(List<String> header, List<String> required) {
        List<String> known = known();
        return required.stream().filter(c -> known.contains(c) && !header.contains(c)).toList();
    }

    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (!headerOnly.isEmpty()) {
            warnings.add(headerOnly.size() + " input file(s) hold a header and no data rows: " + sample(headerOnly));
        }
        if (!empty.isEmpty()) {
            warnings.add(empty.size() + " empty input file(s) skipped (not even a header): " + sample(empty));
        }
        return warnings;
    }

    static String sample(List<String> files) {
        return files.size() <= 10 ? String.join(", ", files)
                : String.join(", ", files.subList(0, 10)) + " and " + (files.size() - 10) + " more";
    }

    private static List<String> names(FileHeaders.Probe probe, ChurnlensConfig.Input input) {
        String line;
        try {
            line = StrictText.decodeHeader(probe.header(), input.charset());
        } catch (CharacterCodingException e) {
            throw new InputException("input file " + probe.file() + ": its header line is not valid "
                    + input.encoding() + " (set input.encoding to the export's charset, e.g. ISO-8859-1 or windows-1252)");
        }
        return input.whitespaceDelimited() ? HeaderLine.whitespace(line, probe.file())
                : HeaderLine.csv(line, RawSource.separator(input).charAt(0), input.escape().charAt(0), probe.file());
    }
}
