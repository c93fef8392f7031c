package deco.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The name of an object a {@code @Concurrent} callee may lock that the caller could already hold,
 * as the weaver writes it into a call site and the call site reads it (decision 044): where the
 * path starts, then the steps from there. One format, read and written only here.
 *
 * <p>A path starts at {@code "S owner name descriptor"} (a static field's object),
 * {@code "R"} (the call's receiver), {@code "A index"} (the call's argument {@code index}, from
 * 0, the receiver not counted), {@code "C owner"} (a class's monitor: no steps) or, inside the
 * weaver only, {@code "L slot"} (what a local variable of the method being analysed holds). Each
 * step after it is {@code "owner name descriptor"} (a field of the object reached so far) or
 * {@code "[]"} (every element of the array reached so far: lock striping). Owners are internal
 * names. So {@code "R Owner stripes [Ljava/lang/Object; []"} is every element of the array the
 * receiver's {@code stripes} field holds, and {@code "A 0 []"} every element of the first
 * argument.
 *
 * <p>What the weaver cannot name (an object a call returned, a value merged from two branches, more
 * than {@link #MOST_STEPS} steps) is {@code "M"} (some object's monitor, or a JDK method that may
 * take one) or {@code "U"} (some lock, a {@code ReentrantLock}'s or a
 * {@code ReentrantReadWriteLock}'s among them): a call site then asks whether the calling thread
 * holds any monitor, or any lock at all (decision 047). Neither has steps.
 *
 * <p>Call sites woven before paths had steps name {@code "F owner name descriptor"} (a field of
 * the receiver), {@code "P index owner name descriptor"} (a field of an argument) and put
 * {@code "E"} before either or before {@code "S"} for the elements of that field's array;
 * {@link #parse} reads those as the paths they mean.
 *
 * <p>Immutable and thread-safe. No lambdas, method references or switches on patterns: the agent
 * weaves on the application's start-up path (decision 015).
 */
public final class LockPath {

    /** The most steps a path has; the weaver does not name an object further away (decision 044). */
    public static final int MOST_STEPS = 4;

    /** The step to every element of an array. */
    public static final String ELEMENTS = "[]";

    /** Where the path starts: a static field's object. */
    public static final char STATIC = 'S';
    /** Where the path starts: the call's receiver. */
    public static final char RECEIVER = 'R';
    /** Where the path starts: one of the call's arguments. */
    public static final char ARGUMENT = 'A';
    /** The path is a class's monitor. */
    public static final char CLASS = 'C';
    /** Where the path starts: a local variable of the method the weaver analyses (never in a call site). */
    public static final char LOCAL = 'L';
    /** Some object's monitor the weaver cannot name: no steps. */
    public static final char UNNAMED_MONITOR = 'M';
    /** Some lock the weaver cannot name, a monitor or a {@code ReentrantLock} ({@code ReadWriteLock}): no steps. */
    public static final char UNNAMED_LOCK = 'U';

    private final char start;
    /** The argument's index or the local's slot; -1 for the other starts. */
    private final int index;
    /** The start's field ({@code "owner name descriptor"}, for {@link #STATIC}) or class (for {@link #CLASS}); else null. */
    private final String member;
    /** Each step: {@link #ELEMENTS} or {@code "owner name descriptor"}. */
    private final List<String> steps;

    private LockPath(char start, int index, String member, List<String> steps) {
        this.start = start;
        this.index = index;
        this.member = member;
        this.steps = steps;
    }

    /** {@return the path that starts at static field {@code field} ({@code "owner name descriptor"})} */
    public static String ofStatic(String field) {
        return STATIC + " " + field;
    }

    /** {@return the path of the call's receiver} */
    public static String ofReceiver() {
        return String.valueOf(RECEIVER);
    }

    /** {@return the path of the call's argument {@code index}} */
    public static String ofArgument(int index) {
        return ARGUMENT + " " + index;
    }

    /** {@return the path of what the weaver's local {@code slot} holds} */
    public static String ofLocal(int slot) {
        return LOCAL + " " + slot;
    }

    /** {@return the name of class {@code owner}'s monitor (an internal name)} */
    public static String ofClass(String owner) {
        return CLASS + " " + owner;
    }

    /** {@return the name of a monitor the weaver cannot name} */
    public static String ofUnnamedMonitor() {
        return String.valueOf(UNNAMED_MONITOR);
    }

    /** {@return the name of a lock (a monitor or a {@code java.util.concurrent.locks} lock) the weaver cannot name} */
    public static String ofUnnamedLock() {
        return String.valueOf(UNNAMED_LOCK);
    }

    /**
     * {@return {@code path} and then field {@code field} ({@code "owner name descriptor"}) or
     * {@link #ELEMENTS} of what it reaches; null if that is more than {@link #MOST_STEPS} steps
     * or {@code path} is a class's monitor or unnamed}
     */
    public static String then(String path, String step) {
        LockPath parsed = parse(path);
        if (!parsed.hasSteps() || parsed.steps.size() >= MOST_STEPS) {
            return null;
        }
        return path + ' ' + step;
    }

    /**
     * {@return {@code path}'s steps, taken from {@code start} instead of from where {@code path}
     * starts; null if there are then more than {@link #MOST_STEPS} steps, or {@code start} is a
     * class's monitor or unnamed}
     */
    public static String from(String start, String path) {
        LockPath base = parse(start);
        LockPath rest = parse(path);
        if (!base.hasSteps() || base.steps.size() + rest.steps.size() > MOST_STEPS) {
            return null;
        }
        StringBuilder joined = new StringBuilder(start);
        for (String step : rest.steps) {
            joined.append(' ').append(step);
        }
        return joined.toString();
    }

    /**
     * Reads a path, or a name a call site woven before paths had steps holds.
     *
     * @param text the path
     * @return it, parsed
     * @throws IllegalArgumentException if {@code text} is not a path
     */
    public static LockPath parse(String text) {
        String[] tokens = text.split(" ");
        String first = tokens[0];
        boolean elements = first.length() == 2 && first.charAt(0) == 'E'; // before paths: "ES", "EF", "EP"
        String kind = elements ? first.substring(1) : first;
        require(!elements || kind.equals("S") || kind.equals("F") || kind.equals("P"), text);
        int at;
        char start;
        int index = -1;
        String member = null;
        List<String> steps = new ArrayList<>();
        if (kind.equals("S")) {
            require(tokens.length >= 4, text);
            start = STATIC;
            member = tokens[1] + ' ' + tokens[2] + ' ' + tokens[3];
            at = 4;
        } else if (kind.equals("C")) {
            require(tokens.length == 2, text);
            return new LockPath(CLASS, -1, tokens[1], List.of());
        } else if (kind.equals("M") || kind.equals("U")) {
            require(tokens.length == 1, text);
            return new LockPath(kind.charAt(0), -1, null, List.of());
        } else if (kind.equals("R") || kind.equals("F")) {
            start = RECEIVER;
            at = 1;
        } else if (kind.equals("A") || kind.equals("P") || kind.equals("L")) {
            require(tokens.length >= 2, text);
            start = kind.equals("L") ? LOCAL : ARGUMENT;
            index = index(tokens[1], text);
            at = 2;
        } else {
            throw new IllegalArgumentException("not a lock path: " + text);
        }
        if (kind.equals("F") || kind.equals("P")) { // before paths: one field step, always
            require(tokens.length == at + 3, text);
        } else {
            require(!elements || tokens.length == 4, text); // "ES": one static, then its elements
        }
        while (at < tokens.length) {
            if (tokens[at].equals(ELEMENTS)) {
                steps.add(ELEMENTS);
                at++;
            } else {
                require(at + 3 <= tokens.length, text);
                steps.add(tokens[at] + ' ' + tokens[at + 1] + ' ' + tokens[at + 2]);
                at += 3;
            }
        }
        if (elements) {
            steps.add(ELEMENTS);
        }
        require(steps.size() <= MOST_STEPS + 1, text);
        return new LockPath(start, index, member, List.copyOf(steps));
    }

    private static int index(String token, String text) {
        try {
            int index = Integer.parseInt(token);
            require(index >= 0, text);
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a lock path: " + text, e);
        }
    }

    private static void require(boolean condition, String text) {
        if (!condition) {
            throw new IllegalArgumentException("not a lock path: " + text);
        }
    }

    /**
     * {@return where the path starts: {@link #STATIC}, {@link #RECEIVER}, {@link #ARGUMENT}, {@link #CLASS},
     * {@link #LOCAL}, {@link #UNNAMED_MONITOR} or {@link #UNNAMED_LOCK}}
     */
    public char start() {
        return start;
    }

    /** {@return the argument's index, the local's slot, or -1} */
    public int index() {
        return index;
    }

    /** {@return the static's {@code "owner name descriptor"}, the class's internal name, or null} */
    public String member() {
        return member;
    }

    /** {@return the steps: {@link #ELEMENTS}, or a field's {@code "owner name descriptor"}} */
    public List<String> steps() {
        return steps;
    }

    /**
     * {@return whether the path is only a receiver, an argument or a local: the call site checks
     * its receiver and arguments without a name}
     */
    public boolean bare() {
        return steps.isEmpty() && (start == RECEIVER || start == ARGUMENT || start == LOCAL);
    }

    /** {@return whether the path names no particular object: {@link #UNNAMED_MONITOR} or {@link #UNNAMED_LOCK}} */
    public boolean unnamed() {
        return start == UNNAMED_MONITOR || start == UNNAMED_LOCK;
    }

    /** Whether steps may follow where this path starts: not a class's monitor, not an unnamed lock. */
    private boolean hasSteps() {
        return start != CLASS && !unnamed();
    }

    /** {@return the path's text, as {@link #parse} reads it} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(start);
        if (start == STATIC || start == CLASS) {
            text.append(' ').append(member);
        } else if (start != RECEIVER && !unnamed()) {
            text.append(' ').append(index);
        }
        for (String step : steps) {
            text.append(' ').append(step);
        }
        return text.toString();
    }
}
