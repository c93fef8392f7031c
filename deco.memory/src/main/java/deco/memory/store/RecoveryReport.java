package deco.memory.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Chronicle Map's recovery said about the parts of a collection, sorted into what matters.
 * Recovery rewrites hints Chronicle does not keep exact (the lowest free chunk of a tier, tier
 * counters, lock words of a killed process); those are <em>repairs</em>. Everything else — an
 * entry whose checksum fails, a wrong key or value size, overlapping or out-of-range entries,
 * duplicate keys, a truncated file — is <em>damage</em>: an entry was lost or changed.
 */
final class RecoveryReport {

    private static final List<String> REPAIRS = List.of("lowest free chunk", "tiers in use in global mutable state",
            "first free tier index", "is not clear", "deleted counter", "number of entries counter",
            "readiness bit");

    private final List<String> damages = new ArrayList<>();

    /** @param message one report of Chronicle's recovery, prefixed by the file name */
    synchronized void add(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (REPAIRS.stream().noneMatch(lower::contains)) {
            damages.add(message);
        }
    }

    /** @return the reports of lost or changed entries */
    synchronized List<String> damages() {
        return List.copyOf(damages);
    }
}
