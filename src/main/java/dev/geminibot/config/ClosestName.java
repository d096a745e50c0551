package dev.geminibot.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The known setting an unknown key was probably meant to be: "did you mean gemini.model?". */
final class ClosestName {
    private ClosestName() {
    }

    /**
     * A near spelling (a few edits, ignoring case and {@code -}/{@code _}/{@code .}), else the one known setting
     * with the same last part ({@code bot.timeout} → {@code gemini.timeout}).
     */
    static Optional<String> of(String unknown, Collection<String> known) {
        String wanted = SettingsLoader.environmentName(unknown);
        int tolerance = Math.max(1, Math.min(3, wanted.length() / 5));
        Optional<String> near = known.stream()
                .filter(name -> distance(wanted, SettingsLoader.environmentName(name)) <= tolerance)
                .min(Comparator.comparingInt(name -> distance(wanted, SettingsLoader.environmentName(name))));
        if (near.isPresent()) {
            return near;
        }
        List<String> sameLeaf = known.stream().filter(name -> leaf(name).equals(leaf(unknown))).toList();
        return sameLeaf.size() == 1 ? Optional.of(sameLeaf.get(0)) : Optional.empty();
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
