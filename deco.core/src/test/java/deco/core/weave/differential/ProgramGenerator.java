package deco.core.weave.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes random Java classes with {@code @Concurrent} methods and one {@code @Synchronized}
 * method {@code run()}, from a grammar of the forms the weaver supports and of the borderline
 * ones it must synchronise or refuse: loops (for, while, nested), conditionals and switches,
 * lists, maps, arrays (object, primitive, 2-D), nested targets, aliases, lambdas and method
 * references, field and static field targets read by helper methods, arguments the caller reuses
 * and mutates, arguments the callee writes (recordably or not, reading its own writes),
 * receivers whose fields the caller changes, calls that write their receiver (directly or through
 * a helper method) or hand a parameter to a helper that writes or reads it, parameters that may
 * alias, exceptions thrown by some calls and by some stores (an index past an array's end, a
 * null result unboxed, a set past a list's end, a null key into a TreeMap, an add to a fixed-size
 * list), try/catch, and nested woven loops whose callees lock a static monitor, a static
 * {@code ReentrantLock} or a field of their argument that the caller may hold (decision 044), and
 * callees that append to a static list, directly or through a lambda, or keep a running total in a
 * {@code ThreadLocal} (decision 045), and woven helpers given two arrays that may be one, or a list
 * that may be a view of the array they store into (decisions 054, 055), a static number or
 * string a call writes, read by the loop right after it, and objects other code holds that a call
 * hands out, or reflection reaches (decision 063), and stream functions that write the elements
 * they are fed (decision 064).
 * Same seed, same program.
 *
 * <p>{@code run()} returns a string of everything it computed; a program's serial and woven runs
 * must return the same string or throw the same exception (or the weaver must refuse the class).
 *
 * <p>Every {@code @Concurrent} method first passes {@code gate()}: in a woven run it waits until
 * the caller is blocked in a synchronization event, so a caller that runs ahead of its pending
 * work without an event is caught every time (see {@code DifferentialTest}).
 */
final class ProgramGenerator {

    private final SplittableRandom random;
    private final String className;
    private final StringBuilder body = new StringBuilder();
    private int depth;
    private int loopVariables;
    private int statements;

    ProgramGenerator(long seed, String className) {
        this.random = new SplittableRandom(seed);
        this.className = className;
    }

    String generate() {
        int throwAt = random.nextInt(4) == 0 ? random.nextInt(12) : -1;
        line("int acc = 0;");
        line("List<Integer> out = new ArrayList<>();");
        line("Map<Integer, Integer> map = new HashMap<>();");
        line("int[] arr = new int[8];");
        line("long[] longs = new long[8];");
        line("Integer[] boxes = new Integer[8];");
        line("int[][] grid = new int[3][4];");
        line("List<Map<Integer, Integer>> nested = new ArrayList<>();");
        line("for (int n = 0; n < 3; n++) nested.add(new HashMap<>());");
        line("List<Integer> buf = new ArrayList<>();");
        line("int[] scratch = new int[2];");
        line("List<Integer> shared = new ArrayList<>(List.of(100, 200));");
        line("List<Integer> log = new ArrayList<>();");
        line("Map<Integer, Integer> sorted = new TreeMap<>();");
        line("List<Integer> fixed = Arrays.asList(1, 2);");
        line("List<Integer> alias = " + pick("out", "log", "shared", "new ArrayList<>()") + ";");
        line("Supplier<String> view = " + pick("out::toString", "() -> map.toString()", "() -> String.valueOf(arr[0])",
                "() -> \"\"") + ";");
        line("List<List<Integer>> holder = new ArrayList<>(); holder.add(" + pick("out", "log", "buf") + ");");
        line("Iterator<Integer> steps = java.util.stream.Stream.iterate(0, n -> n + 1).iterator();");
        line("int[] tickets = {0}; Supplier<Integer> ticket = () -> tickets[0]++;"
                + " java.util.function.Function<Integer, Integer> counting = v -> v + tickets[0]++;");
        line("field = new ArrayList<>(); STATIC = new ArrayList<>(); offset = 1; SCALE = 1; KEPT = new ArrayList<>();"
                + " CELLS = new int[4]; LOCKED = 0; RLOCKED = 0; COUNTED = 0; LAST = \"\";"
                + " TALLY.remove(); System.clearProperty(PROP); held = new Boxed(0);"
                + " java.nio.file.Files.writeString(FILE, \"0\"); Dial.ON.n = 0; DIAL_CELL.n = 0; Knob.ON.reset();");
        int blocks = 1 + random.nextInt(3);
        for (int b = 0; b < blocks; b++) {
            block();
        }
        if (random.nextBoolean()) {
            line("acc += sub(" + pick("out", "log") + ", " + pick("out", "log", "shared") + ");");
        }
        line("int fileAtEnd = readFile(); java.nio.file.Files.delete(FILE);");
        line("return acc + \"|\" + out + \"|\" + map + \"|\" + Arrays.toString(arr) + \"|\" + Arrays.toString(longs)"
                + " + \"|\" + Arrays.toString(boxes) + \"|\" + Arrays.deepToString(grid) + \"|\" + nested + \"|\" + shared"
                + " + \"|\" + log + \"|\" + alias.size() + \"|\" + view.get() + \"|\" + holder + \"|\" + field + \"|\" + STATIC"
                + " + \"|\" + offset + \"|\" + records + \"|\" + count + \"|\" + Arrays.toString(ticks) + \"|\" + notes"
                + " + \"|\" + SCALE + \"|\" + KEPT + \"|\" + sorted + \"|\" + fixed + \"|\" + Arrays.toString(CELLS)"
                + " + \"|\" + LOCKED + \"|\" + RLOCKED + \"|\" + COUNTED + \"|\" + LAST + \"|\" + System.getProperty(PROP)"
                + " + \"|\" + fileAtEnd + \"|\" + Dial.ON.n + \"|\" + DIAL_CELL.n + \"|\" + Knob.ON.count();");
        return source(throwAt);
    }

    private void block() {
        if (statements > 40 || depth >= 5) {
            return; // bounded: a program of thirteen nested loops took 47 s woven
        }
        int kind = depth >= 2 ? 0 : random.nextInt(6);
        switch (kind) {
            case 0, 1 -> {
                String i = variable();
                line("for (int " + i + " = 0; " + i + " < " + (2 + random.nextInt(5)) + "; " + i + "++) {");
                nest(i);
                line("}");
            }
            case 2 -> {
                String i = variable();
                line("int " + i + " = 0;");
                line("while (" + i + " < " + (2 + random.nextInt(4)) + ") {");
                nest(i);
                line(i + "++;");
                line("}");
            }
            case 3 -> {
                String i = variable();
                line("for (int " + i + " = 0; " + i + " < 4; " + i + "++) {");
                line("if (" + i + " % 2 == " + random.nextInt(2) + ") {");
                nest(i);
                line("} else {");
                nest(i);
                line("}");
                line("}");
            }
            case 4 -> {
                String i = variable();
                line("for (int " + i + " = 0; " + i + " < 5; " + i + "++) {");
                line("switch (" + i + " % 3) {");
                line("case 0 -> {");
                nest(i);
                line("}");
                line("case 1 -> {");
                nest(i);
                line("}");
                line("default -> {");
                nest(i);
                line("}");
                line("}");
                line("}");
            }
            default -> tryBlock();
        }
    }

    /**
     * A try block inside a loop: a handler for the loop's own checked exception (woven, events at
     * the block's exits), one that can catch a task's failure and goes on (refused), or one that
     * always throws: finally, try-with-resources, a catch that rethrows or wraps (woven).
     */
    private void tryBlock() {
        String i = variable();
        line("for (int " + i + " = 0; " + i + " < 3; " + i + "++) {");
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                line("try {");
                nest(i);
                line("io(" + i + ");");
                line("} catch (java.io.IOException e) {");
                line("acc += 1000 + e.getMessage().length() + out.size();");
                line("}");
            }
            case 2 -> {
                line("try {");
                nest(i);
                line("} catch (IllegalStateException e) {");
                line("acc += 1000 + e.getMessage().length() + out.size();");
                line("}");
            }
            case 3 -> {
                line("try {");
                nest(i);
                line("} finally {");
                line("log.add(" + i + "); field.add(-" + i + ");");
                line("}");
            }
            case 4 -> {
                line("try (AutoCloseable closing" + depth + " = () -> log.add(-1)) {");
                nest(i);
                line("}");
            }
            default -> {
                line("try {");
                nest(i);
                line("} catch (" + pick("IllegalStateException", "RuntimeException") + " e) {");
                line(random.nextBoolean() ? "throw e;" : "throw new IllegalArgumentException(\"wrapped \" + e.getMessage(), e);");
                line("}");
            }
        }
        line("}");
    }

    private void nest(String i) {
        depth++;
        int count = 1 + random.nextInt(3);
        for (int s = 0; s < count; s++) {
            if (random.nextInt(5) == 0) {
                block();
            } else {
                statement(i);
            }
        }
        depth--;
    }

    private void statement(String i) {
        statements++;
        String e = expression(i);
        String index = "(" + e + ") % 8";
        switch (random.nextInt(83)) {
            case 0, 1 -> line("out.add(f(" + e + "));");
            case 2 -> line("map.put(" + e + ", f(" + i + "));");
            case 3 -> line("arr[" + index + "] = f(" + e + ");");
            case 4 -> line("longs[" + index + "] = lf(" + e + ", 0.5);");
            case 5 -> line("boxes[" + index + "] = f(" + e + ");");
            case 6 -> line("grid[" + i + " % 3][" + index.replace("% 8", "% 4") + "] = f(" + e + ");");
            case 7 -> line("nested.get(" + i + " % 3).put(" + e + ", f(" + i + "));");
            case 8 -> line("buf.clear(); buf.add(" + i + "); buf.add(" + e + "); out.add(sumList(buf));");
            case 9 -> line("scratch[0] = " + i + "; scratch[1] = " + e + "; arr[" + index + "] = sumArr(scratch);");
            case 10 -> line("out.add(bump(shared, " + e + "));");
            case 11 -> line("fillAt(arr, " + index + ", " + e + ");");
            case 12 -> line("putAt(map, " + e + ", " + i + ");");
            case 13 -> line("out.add(appendTo(log, " + e + "));");
            case 14 -> line("out.add(g(" + e + "));");
            case 15 -> line("offset++;");
            case 16 -> line("field.add(f(" + e + "));");
            case 17 -> line("STATIC.add(f(" + e + "));");
            case 18 -> line("acc += peekField().length() + peekStatic().length();");
            case 19 -> line("acc += out.size() + alias.size();");
            case 20 -> line("acc += view.get().length();");
            case 21 -> line("acc += arr[" + index + "] + map.getOrDefault(" + e + ", -1);");
            case 22 -> line("if (!out.isEmpty()) out.set(" + e + " % out.size(), f(" + i + "));");
            case 23 -> line("out.add(" + e + "); arr[" + index + "] = " + i + ";");
            case 24 -> line("acc += holder.get(0).size();");
            case 25 -> line("log.add(" + i + "); out.add(sumList(log));");
            case 26 -> line(random.nextBoolean() ? "f(" + e + ");" : "io(" + e + ");");
            case 27 -> line("out.add(twice(" + e + "));");
            case 28 -> line("acc += nested.get(" + i + " % 3).size() + grid[" + i + " % 3][0];");
            case 29 -> line("out.add(setThenRead(shared, " + pick("shared", "log", "out") + ", " + e + "));");
            case 30 -> line("arr[" + index + "] = stampThenRead(" + pick("arr", "scratch") + ", "
                    + pick("arr", "scratch") + ", " + e + ");");
            case 31 -> line("out.add(appendTo(log, " + e + ")); setAt(log, 0, " + i + ");");
            case 32 -> line("out.add(sumList(buf)); buf.add(" + i + " % 2 == 0 ? " + e + " : -" + i + ");");
            case 33 -> line("putChosen(map, " + e + ");");
            case 34 -> line("tick(" + e + ");");
            case 35 -> line("out.add(tally(" + e + "));");
            case 36 -> line("note(" + e + ");");
            case 37 -> line("out.add(readNotes(" + e + "));");
            case 38 -> line("fillVia(" + pick("arr", "scratch") + ", (" + e + ") % 2, " + i + ");");
            case 39 -> line("out.add(sumVia(" + pick("log", "buf", "shared") + "));");
            case 40 -> line("acc += count + ticks[" + i + " % 4] + notes.size();");
            case 41 -> line("out.add(g(key(" + e + ")));");
            case 42 -> line("refill(" + pick("buf", "log") + ", " + e + "); out.add(sumList(buf));");
            case 43 -> line("out.add(sumList(" + pick("buf", "log") + ")); same(buf).add(" + i + ");");
            case 44 -> line("out.add(scaledBy(" + e + ")); setScale(" + i + ");");
            case 45 -> line(random.nextBoolean() ? "bumpOffset(); out.add(g(" + e + "));"
                    : "out.add(g(" + e + ")); bumpOffset();");
            case 46 -> line(random.nextBoolean() ? "Objects.requireNonNull(buf).add(" + e + "); out.add(sumList(buf));"
                    : "out.add(appendChecked(" + pick("log", "buf") + ", " + e + "));");
            case 47 -> line("keep(" + pick("buf", "log") + "); out.add(sumList(buf)); appendKept(" + i + ");");
            case 48 -> line("try { acc += out.size() + arr[" + index + "]; } catch (" + pick("IllegalStateException",
                    "RuntimeException") + " e) { acc += 5000; }");
            case 49 -> line("try { acc += out.size() + map.size(); } finally { log.add(-7); }");
            case 50 -> line(random.nextBoolean() ? "out.add(fieldSize(" + e + ")); fieldList().add(" + i + ");"
                    : "fieldList().add(" + i + "); out.add(fieldSize(" + e + "));");
            // stores that throw: an index past the end, a null result unboxed
            case 51 -> line("arr[(" + e + ") % 10] = f(" + e + ");");
            case 52 -> line(pick("arr", "longs") + "[" + index + "] = maybeNull(" + e + ");");
            // stores that fail for what the earlier stores left: a set past the end, a null key
            // into a TreeMap, an add to a fixed-size list
            case 53 -> line(pick("shared.set((" + e + ") % 3, f(" + e + "));", "sorted.put(maybeNull(" + e + "), " + i + ");",
                    "fixed.add(f(" + e + "));"));
            // index writes that a callee reads back through a static or a field (decision 043)
            case 54 -> line("CELLS[" + index.replace("% 8", "% 4") + "] = f(" + e + ");");
            case 55 -> line("out.add(peekCells(" + e + "));");
            case 56 -> line("out.add(stampCells(" + pick("CELLS", "scratch") + ", " + e + "));");
            case 57 -> line("fillAt(CELLS, " + index.replace("% 8", "% 4") + ", " + i + ");");
            case 58 -> line("out.add(stampTicks(" + pick("ticks", "scratch") + ", " + e + "));");
            case 59 -> line("acc += cellsNow(" + e + ");");
            // a nested woven loop whose callees lock a static, a field of their argument or an element of
            // the array they are given, the caller holds, or not (decision 044)
            case 60 -> line(pick("synchronized (LOCK) { acc += lockedSum(" + e + "); }",
                    "RLOCK.lock(); try { acc += lockedSum(" + e + "); } finally { RLOCK.unlock(); }",
                    "synchronized (BOX.lock) { acc += boxedSum(BOX, " + e + "); }",
                    "synchronized (STRIPES[1]) { acc += stripedSum(STRIPES, " + e + "); }"));
            case 61 -> line("acc += " + pick("lockedSum(", "boxedSum(BOX, ", "stripedSum(STRIPES, ") + e + ");");
            // a callee that appends to a static and returns its size: serially in call order (decision 045)
            case 62 -> line("out.add(" + pick("logStatic", "logStaticByLambda") + "(" + e + "));");
            // a callee keeping a running total in a ThreadLocal: serially the caller's thread's (decision 045)
            case 63 -> line("out.add(threadTally(" + e + "));");
            // a lambda the loop hands to the JDK that writes a static a pending call reads (decision 045)
            case 64 -> line("out.add(scaledBy(" + e + ")); List.of(" + i + ").forEach(s -> SCALE = s + 1);");
            // a pattern switch and a record's generated methods, in a callee and in the loop: JDK code
            // over what it is given, which may hold a list the loop writes (decision 051)
            case 65 -> line(pick("out.add(shapeOf(" + e + ", " + pick("log", "buf", "shared") + "));",
                    "out.add(pointHash(new Point(" + e + ", " + pick("log", "buf") + ")));",
                    "acc += switch ((Object) " + pick("out", "log") + ".size()) { case Integer n when n > 3 -> n; default -> 1; };"));
            // a callee reading the static array the loop stores into, through a helper or a record's
            // field: what the helper reads is typed, and the type reaches the array (decisions 043, 051)
            case 66 -> line("out.add(" + pick("peekVia(", "peekHeld(") + e + "));");
            // a switch over an enum of another class, in a callee and in the loop: javac's table (decision 051)
            case 67 -> line(pick("out.add(laneWeight(LANES[(" + e + ") % 3], " + e + "));",
                    "acc += switch (LANES[" + i + " % 3]) { case LEFT -> 1; case RIGHT -> 2; case CENTER -> 3; };"));
            // a call through a sealed interface: one implementation appends to a static, one reads the
            // static array the loop stores into, one is pure (decision 052)
            case 68 -> line("out.add(stepOf(" + e + "));");
            // arrays given to a woven helper, the same array or two (decision 054): a read waits only
            // when a pending store writes into the array it reads
            // a static number or string a call writes, read by the loop right after: the value is
            // immutable, the field is not (decisions 045, 055)
            case 70 -> line(pick("out.add(bumpCount(" + e + ")); acc += COUNTED;",
                    "out.add(setLast(" + e + ")); acc += LAST.length();"));
            case 72 -> line(pick("out.add(f(" + e + " + bias)); acc += tagged.length();",
                    "acc += bias; out.add(bumpCount(" + e + ")); acc += tagged.length() + bias;",
                    "out.add(rebox(" + e + ")); acc += held.v;",
                    "out.add(rebox(" + e + ")); { Boxed h = held; acc += h.v + bias; }"));
            case 71 -> line(pick("out.add(setProp(" + e + ")); acc += Integer.getInteger(PROP, 0);",
                    "out.add(propPlus(" + e + ")); System.setProperty(PROP, Integer.toString(" + e + "));",
                    "out.add(f(" + e + ")); out.add(propPlus(" + e + ")); out.add(setProp(" + i + "));"));
            // a file a call writes and the loop reads, or the loop writes and a pending call reads,
            // by its name: the file system is state every call shares (decision 059)
            case 74 -> line(pick("out.add(writeFile(" + e + ")); acc += readFile();",
                    "out.add(filePlus(" + e + ")); java.nio.file.Files.writeString(FILE, Integer.toString(" + e + "));",
                    "out.add(f(" + e + ")); out.add(filePlus(" + e + ")); out.add(writeFile(" + i + "));"));
            // a lambda the loop makes and a call runs: it sets the property or writes the file
            // the loop then reads (decisions 057, 059)
            case 75 -> line("{ int v = " + e + "; out.add(runIt(" + pick("() -> System.setProperty(PROP, Integer.toString(v))",
                    "() -> writeFileQuietly(v)") + ", v)); } acc += " + pick("Integer.getInteger(PROP, 0)", "readFile()") + ";");
            // maps and lists given to a woven helper that reads one for its storage and puts or adds
            // into the other: the same object, a copy, or a view of either (decision 061)
            case 76 -> line("acc += " + pick("shiftMap(" + pick("map, map", "map, sorted", "sorted, map",
                    "new HashMap<>(map), map", "Collections.unmodifiableMap(map), map", "map, Collections.synchronizedMap(map)"),
                    "growList(" + pick("out, out", "log, out", "new ArrayList<>(out), out", "Collections.unmodifiableList(out), out",
                    "out, Collections.synchronizedList(out)", "fixed, out")) + ", " + e + ");");
            // an iterator, a supplier or a function the loop and the calls both step or run: next(),
            // get() and a stream's map(f) change what they are called on or given (decision 062)
            case 77 -> line(pick("out.add(takeNext(steps, " + e + ")); acc += steps.next();",
                    "acc += steps.next(); out.add(takeNext(steps, " + e + "));",
                    "out.add(ticketOf(ticket, " + e + ")); acc += tickets[0];",
                    "out.add(ticketOf(ticket, " + e + ")); acc += ticket.get();",
                    "out.add(mapWith(" + pick("log", "shared") + ", counting, " + e + ")); acc += tickets[0];"));
            // a collection given to a woven helper that walks it with for-each and adds into another,
            // or a map's values(), keySet() and entrySet() walked while putting into another: the same object, a
            // copy, a view, a set or a deque of it (decision 062)
            case 78 -> line(pick("acc += walkInto(" + pick("out, out", "log, out", "new ArrayList<>(out), out",
                    "Collections.unmodifiableList(out), out", "new LinkedHashSet<>(out), out", "new ArrayDeque<>(log), out",
                    "out, Collections.synchronizedList(out)", "List.copyOf(out), log") + ", " + e + ");",
                    "acc += walkValuesInto(" + pick("map, map", "sorted, map", "map, sorted", "new HashMap<>(map), map",
                    "Collections.unmodifiableMap(map), map", "map, Collections.synchronizedMap(map)") + ", " + e + ");"));
            // an object other code holds, handed out by a call: a mutable enum's constant by valueOf or
            // values(), a static a helper or a new object's getter returns; and a static bumped through
            // reflection, in the loop or by a call (decision 063)
            case 79 -> line(pick("out.add(dialCount(" + e + ")); " + pick("Dial.valueOf(\"ON\").n++;",
                    "Dial.values()[0].n += " + e + ";", "Enum.valueOf(Dial.class, \"ON\").n++;", "dialCell().n++;",
                    "new DialHolder().cell().n += 2;", "bumpReflectively();",
                    "new java.util.concurrent.atomic.AtomicReference<>(DIAL_CELL).get().n++;",
                    "new AbstractMap.SimpleEntry<>(1, DIAL_CELL).getValue().n += 4;",
                    "try { " + className + ".class.getDeclaredMethod(\"bumpDial\").invoke(null); }"
                            + " catch (ReflectiveOperationException ex) { throw new IllegalStateException(ex); }"),
                    "acc += " + pick("Dial.valueOf(\"ON\").n", "dialCell().n", "Dial.values()[0].n") + "; out.add("
                            + pick("bumpDials(", "bumpByReflection(") + e + "));"));
            // a stream's function that writes the elements it is fed, in the loop and in a call
            // (decision 064)
            case 80 -> line(pick("out.add(dialCount(" + e + ")); List.of(DIAL_CELL).stream().forEach(c -> c.n++);",
                    "out.add(dialCount(" + e + ")); List.of(DIAL_CELL).stream().filter(c -> c.n++ >= 0).toList();",
                    "out.add(bumpCells(List.of(DIAL_CELL), " + e + ")); acc += DIAL_CELL.n;",
                    "out.add(dialCount(" + e + ")); acc += List.of(DIAL_CELL).stream().mapToInt(c -> c.n).sum();",
                    // a comparator composed of one that reads nothing and one that counts (decision 065)
                    "out.add(dialCount(" + e + ")); List.of(DIAL_CELL, new DialCell()).stream()"
                            + ".sorted(((Comparator<DialCell>) (a, b) -> 0).thenComparing((a, b) -> a.n++ - b.n--)).toList();",
                    "out.add(sortCells(List.of(DIAL_CELL, new DialCell()), " + e + ")); acc += DIAL_CELL.n;"));
            // a copy's elements are its source's; its storage is its own (decision 065)
            case 81 -> line(pick("out.add(dialCount(" + e + ")); new ArrayList<>(List.of(DIAL_CELL)).get(0).n++;",
                    "out.add(dialCount(" + e + ")); for (DialCell c : new ArrayList<>(List.of(DIAL_CELL))) c.n += 2;",
                    "out.add(dialCount(" + e + ")); new HashSet<>(List.of(DIAL_CELL)).iterator().next().n++;",
                    "out.add(dialCount(" + e + ")); { List<DialCell> mine = new ArrayList<>(List.of(DIAL_CELL));"
                            + " mine.add(new DialCell()); mine.get(0).n++; }",
                    "out.add(bumpCopies(List.of(DIAL_CELL), " + e + ")); acc += DIAL_CELL.n;",
                    "out.add(bumpFilled(List.of(DIAL_CELL), " + e + ")); acc += DIAL_CELL.n;",
                    "{ Knob knob = Knob.ON; out.add(knobCount(knob, " + e + ")); knob.bump(); }",
                    "out.add(dialCount(" + e + ")); { List<DialCell> mine = new ArrayList<>(List.of(DIAL_CELL));"
                            + " mine.add(new DialCell()); acc += mine.size() + mine.get(0).n; }"));
            // a class whose static initializer reads or writes what the loop or a call touches, first
            // used by a call, a method reference, the loop or a call's own class (decision 068); a
            // call whose receiver's class may override the @Concurrent method (decision 067)
            case 82 -> line(pick("out.add(firstScaled(" + e + ")); " + pick("COUNTED++;", "CELLS[0] += 3;"),
                    "out.add(registered(" + e + ")); acc += KEPT.size();",
                    "out.add(viaDoubler(" + e + ")); acc += KEPT.size();",
                    "out.add(bumpCount(" + e + ")); acc += new Census().seen;",
                    "COUNTED++; out.add(Late.late(" + e + "));",
                    "{ Reader r = (" + e + ") % 2 == 0 ? new Reader() : new Counting(); out.add(r.read(scratch, " + e
                            + ")); acc += scratch[0]; }"));
            case 69 -> line(pick(pick("shift(", "shiftEach(") + pick("arr, arr", "arr, CELLS", "CELLS, arr",
                    "CELLS, CELLS", "scratch, arr", "arr, scratch") + ", " + e + ");",
                    "shiftBoxes(boxes, " + pick("boxes", "new Object[3]") + ", " + e + ");",
                    "shiftBoxList(" + pick("Arrays.asList(boxes)", "new ArrayList<>(Arrays.asList(boxes))",
                            "List.copyOf(shared)") + ", boxes, " + e + ");"));
            default -> line(random.nextBoolean() ? "notes.add(" + i + ");" : "record(\"" + i + "\", f(" + e + "));");
        }
    }

    private String expression(String i) {
        return switch (random.nextInt(4)) {
            case 0 -> i;
            case 1 -> i + " + " + random.nextInt(5);
            case 2 -> i + " * " + (1 + random.nextInt(3));
            default -> "(" + i + " + acc % 3)";
        };
    }

    private String variable() {
        return "i" + loopVariables++;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private void line(String text) {
        body.append("        ").append("    ".repeat(depth)).append(text).append('\n');
    }

    private String source(int throwAt) {
        int ioAt = random.nextInt(3) == 0 ? random.nextInt(8) : -1;
        List<String> lines = new ArrayList<>();
        lines.add("package gen;");
        lines.add("");
        lines.add("import deco.core.Concurrent;");
        lines.add("import deco.core.Synchronized;");
        lines.add("import java.util.*;");
        lines.add("import java.util.function.Supplier;");
        lines.add("");
        lines.add("public class " + className + " {");
        // the caller's thread id, a constant read while the class initialises: a callee reading a
        // static that may change (a Thread, an AtomicLong) reads hidden state, and would wait for
        // every task writing statics (decision 045); a constant is no state (decision 056)
        lines.add("    static final long CALLER = Long.getLong(\"deco.differential.caller\", -1L);");
        lines.add("    static final int THROW_AT = " + throwAt + ";");
        lines.add("    static final int IO_AT = " + ioAt + ";");
        lines.add("    List<Integer> field = new ArrayList<>();");
        lines.add("    static List<Integer> STATIC = new ArrayList<>();");
        lines.add("    int offset = 1;");
        lines.add("    final List<String> records = new ArrayList<>();");
        lines.add("    int count;");
        lines.add("    final int[] ticks = new int[4];");
        lines.add("    final List<Integer> notes = new ArrayList<>();");
        lines.add("""
                    static void gate() {
                        long id = CALLER;
                        if (id < 0 || id == Thread.currentThread().threadId()) return;
                        long deadline = System.nanoTime() + 20_000_000_000L;
                        while (!parkedInSync(id)) {
                            if (System.nanoTime() > deadline) throw new AssertionError("the caller never waited in an event");
                            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                        }
                    }
                    static boolean parkedInSync(long id) {
                        for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                            if (t.getKey().threadId() != id) continue;
                            Thread.State s = t.getKey().getState();
                            if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) return false;
                            for (StackTraceElement e : t.getValue()) if (e.getClassName().equals("deco.core.Sync")) return true;
                            return false;
                        }
                        return false;
                    }
                    @Concurrent static int f(int x) { gate(); if (x >= THROW_AT && THROW_AT >= 0 && x % 3 == THROW_AT % 3) throw new IllegalStateException("f" + x); return x * 7 + 1; }
                    @Concurrent static long lf(long x, double d) { gate(); return x * 3 + (long) d; }
                    @Concurrent static Integer maybeNull(int x) { gate(); return x % 5 == 4 ? null : x; }
                    @Concurrent static int sumList(List<Integer> xs) { gate(); int s = 0; for (int x : xs) s += x; return s; }
                    @Concurrent static int sumArr(int[] xs) { gate(); int s = 0; for (int x : xs) s += x; return s; }
                    @Concurrent static int bump(List<Integer> xs, int v) { gate(); xs.set(0, xs.get(0) + v); return xs.get(0); }
                    @Concurrent static void fillAt(int[] a, int i, int v) { gate(); a[i] = v * 2; }
                    @Concurrent static void putAt(Map<Integer, Integer> m, int k, int v) { gate(); m.put(k, v); }
                    @Concurrent static int setThenRead(List<Integer> target, List<Integer> source, int v) { gate(); target.set(0, v); return source.isEmpty() ? -1 : source.get(0); }
                    @Concurrent static int stampThenRead(int[] target, int[] source, int v) { gate(); target[1] = v; return source[1]; }
                    @Concurrent static void putChosen(Map<Integer, Integer> m, int k) { gate(); m.put(k, k % 2 == 0 ? k : -k); }
                    @Concurrent static void setAt(List<Integer> xs, int i, int v) { gate(); xs.set(i, v); }
                    @Concurrent static int appendTo(List<Integer> xs, int v) { gate(); xs.add(v); return xs.size(); }
                    @Concurrent int g(int x) { gate(); return x + offset; }
                    @Concurrent static int twice(int x) { gate(); return 2 * f(x); }
                    @Concurrent void tick(int x) { gate(); ticks[x % 4] += x; }
                    @Concurrent int tally(int x) { gate(); count += x; return count; }
                    @Concurrent void note(int x) { gate(); addNote(x); }
                    void addNote(int x) { notes.add(x); }
                    @Concurrent int readNotes(int x) { gate(); return notes.size() * 10 + x; }
                    @Concurrent static void fillVia(int[] a, int i, int v) { gate(); store(a, i, v); }
                    static void store(int[] a, int i, int v) { a[i] = v + 5; }
                    @Concurrent static int sumVia(List<Integer> xs) { gate(); return total(xs); }
                    static int total(List<Integer> xs) { int s = 0; for (int x : xs) s += x; return s; }
                    static int key(int x) { return x + 1; }
                    static void refill(List<Integer> b, int x) { b.clear(); b.add(x); b.add(x * 2); }
                    static List<Integer> same(List<Integer> l) { return l; }
                    static int[] CELLS = new int[4];
                    @Concurrent static int peekCells(int x) { gate(); return CELLS[x % 4] * 10 + x; }
                    @Concurrent static int stampCells(int[] a, int v) { gate(); a[v % 2] = v; return CELLS[v % 2]; }
                    @Concurrent int stampTicks(int[] a, int v) { gate(); a[1] = v; return ticks[1]; }
                    static int cellsNow(int x) { return CELLS[x % 4]; }
                    @Concurrent static int peekVia(int x) { gate(); return cellsNow(x) * 10 + x; }
                    record Held(int[] cells) { }
                    static final Held HELD = new Held(CELLS);
                    @Concurrent static int peekHeld(int x) { gate(); return HELD.cells()[x % 4] * 10 + (HELD.equals(new Held(CELLS)) ? x : -x); }
                    static final Object LOCK = new Object();
                    static final java.util.concurrent.locks.ReentrantLock RLOCK = new java.util.concurrent.locks.ReentrantLock();
                    static int LOCKED; // guarded by LOCK
                    static int RLOCKED; // guarded by RLOCK
                    @Concurrent static int underLock(int x) { gate(); synchronized (LOCK) { LOCKED += x; } RLOCK.lock(); try { RLOCKED += 1; } finally { RLOCK.unlock(); } return x * 3; }
                    // the box whose lock field the callees take: an instance of this class (one class per program)
                    final Object lock = new Object();
                    int sum;
                    static final $CLASS BOX = new $CLASS();
                    @Concurrent static int underBox($CLASS b, int x) { gate(); synchronized (b.lock) { b.sum += x; } return x * 5; }
                    @Synchronized static int boxedSum($CLASS b, int x) { int[] parts = new int[3]; for (int k = 0; k < 3; k++) parts[k] = underBox(b, x + k); return parts[0] + parts[1] + parts[2] + b.sum % 7; }
                    // lock striping: the callee takes an element of the array it is given
                    static final Object[] STRIPES = {new Object(), new Object()};
                    static int STRIPED;
                    @Concurrent static int underStripe(Object[] s, int x) { gate(); synchronized (s[x % s.length]) { STRIPED += x; } return x * 7; }
                    @Synchronized static int stripedSum(Object[] s, int x) { int[] parts = new int[3]; for (int k = 0; k < 3; k++) parts[k] = underStripe(s, x + k); return parts[0] + parts[1] + parts[2]; }
                    @Synchronized static int lockedSum(int x) { int[] parts = new int[3]; for (int k = 0; k < 3; k++) parts[k] = underLock(x + k); return parts[0] + parts[1] + parts[2]; }
                    @Concurrent static int logStatic(int x) { gate(); STATIC.add(x); return STATIC.size(); }
                    @Concurrent static int logStaticByLambda(int x) { gate(); List.of(x, -x).forEach(v -> STATIC.add(v)); return x; }
                    static final ThreadLocal<int[]> TALLY = ThreadLocal.withInitial(() -> new int[1]);
                    @Concurrent static int threadTally(int x) { gate(); TALLY.get()[0] += x; return TALLY.get()[0]; }
                    static int SCALE = 1;
                    @Concurrent static int scaledBy(int x) { gate(); return x * SCALE; }
                    static void setScale(int s) { SCALE = s + 1; }
                    @Concurrent static int shapeOf(Object o, List<Integer> xs) { gate(); return switch (o) { case Integer n when n % 2 == 0 -> n + xs.size(); case Integer n -> -n; default -> xs.size(); }; }
                    record Point(int x, List<Integer> ys) { }
                    @Concurrent static int pointHash(Point p) { gate(); return p.equals(new Point(p.x(), p.ys())) ? p.x() + p.toString().length() : -1; }
                    sealed interface Step permits Bump, Peek, Hold { int run(); }
                    record Bump(int x) implements Step { public int run() { STATIC.add(x); return STATIC.size(); } }
                    record Peek(int x) implements Step { public int run() { return CELLS[x % 4] * 10 + x; } }
                    record Hold(int x) implements Step { public int run() { return x * 3; } }
                    @Concurrent static int stepOf(int x) { gate(); Step s = x % 3 == 0 ? new Bump(x) : x % 3 == 1 ? new Peek(x) : new Hold(x); return s.run(); }
                    static final Lane[] LANES = Lane.values();
                    @Concurrent static int laneWeight(Lane lane, int x) { gate(); return switch (lane) { case LEFT -> x; case RIGHT -> -x; case CENTER -> 0; }; }
                    void bumpOffset() { offset += 2; }
                    @Concurrent static int appendChecked(List<Integer> xs, int v) { gate(); Objects.requireNonNull(xs).add(v); return xs.size(); }
                    static List<Integer> KEPT = new ArrayList<>();
                    static void keep(List<Integer> l) { KEPT = l; }
                    static void appendKept(int v) { KEPT.add(v); }
                    @Concurrent int fieldSize(int x) { gate(); return field.size() * 10 + x; }
                    List<Integer> fieldList() { return field; }
                    static void io(int x) throws java.io.IOException { if (x == IO_AT) throw new java.io.IOException("io" + x); }
                    String peekField() { return field.toString(); }
                    static String peekStatic() { return STATIC.toString(); }
                    void record(String key, int value) { records.add(key + "=" + value + "@" + field.size()); }
                    @Synchronized static void shift(int[] in, int[] res, int from) { for (int k = 1; k < res.length; k++) res[k] = f(in[k - 1] % 50 + from); }
                    @Synchronized static void shiftEach(int[] in, int[] res, int from) { int k = 1; for (int v : in) { res[k % res.length] = f(v % 50 + from); k++; } }
                    static int COUNTED;
                    static String LAST = "";
                    @Concurrent static int bumpCount(int x) { gate(); COUNTED += x; return COUNTED; }
                    @Concurrent static int setLast(int x) { gate(); LAST = "s".repeat(x % 4); return x; }
                    static final class Boxed { final int v; Boxed(int v) { this.v = v; } }
                    Boxed held = new Boxed(0);
                    @Concurrent int rebox(int x) { gate(); held = new Boxed(x); return x; }
                    final int bias = Integer.parseInt("2");
                    final String tagged = String.valueOf('t');
                    static final String PROP = "deco.differential.$CLASS";
                    @Concurrent static int setProp(int x) { gate(); System.setProperty(PROP, Integer.toString(x)); return x; }
                    @Concurrent static int propPlus(int x) { gate(); return Integer.getInteger(PROP, 0) + x; }
                    static final java.nio.file.Path FILE = java.nio.file.Path.of(System.getProperty("deco.differential.dir", System.getProperty("java.io.tmpdir")), "deco-differential-$CLASS.txt");
                    @Concurrent static int writeFile(int x) throws java.io.IOException { gate(); java.nio.file.Files.writeString(FILE, Integer.toString(x)); return x; }
                    @Concurrent static int filePlus(int x) throws java.io.IOException { gate(); return Integer.parseInt(java.nio.file.Files.readString(FILE)) + x; }
                    static int readFile() throws java.io.IOException { return Integer.parseInt(java.nio.file.Files.readString(FILE)); }
                    static void writeFileQuietly(int x) { try { java.nio.file.Files.writeString(FILE, Integer.toString(x)); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } }
                    @Concurrent static int runIt(Runnable action, int x) { gate(); action.run(); return x; }
                    enum Dial { ON; int n; }
                    enum Knob { ON { int n; int bump() { return ++n; } int count() { return n; } void reset() { n = 0; } }; abstract int bump(); abstract int count(); abstract void reset(); }
                    @Concurrent static int knobCount(Knob knob, int x) { gate(); return knob.count() * 10 + x; }
                    static final class DialCell { int n; }
                    static final DialCell DIAL_CELL = new DialCell();
                    static DialCell dialCell() { return DIAL_CELL; }
                    static final class DialHolder { DialCell cell() { return DIAL_CELL; } }
                    static void bumpDial() { Dial.ON.n++; DIAL_CELL.n++; }
                    static void bumpReflectively() { try { $CLASS.class.getDeclaredMethod("bumpDial").invoke(null); } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); } }
                    @Concurrent static int dialCount(int x) { gate(); return Dial.ON.n * 1000 + DIAL_CELL.n * 10 + x; }
                    @Concurrent static int bumpDials(int x) { gate(); Dial.ON.n++; DIAL_CELL.n += 3; return x; }
                    @Concurrent static int bumpByReflection(int x) { gate(); bumpReflectively(); return x; }
                    @Concurrent static int bumpCells(List<DialCell> cells, int x) { gate(); cells.stream().forEach(c -> c.n += 2); return x; }
                    @Concurrent static int sortCells(List<DialCell> cells, int x) { gate(); cells.stream().sorted(((Comparator<DialCell>) (a, b) -> 0).thenComparing((a, b) -> a.n++ - b.n--)).toList(); return x; }
                    @Concurrent static int bumpCopies(List<DialCell> cells, int x) { gate(); List<DialCell> mine = new ArrayList<>(cells); mine.add(new DialCell()); mine.get(0).n += 3; return x; }
                    @Concurrent static int bumpFilled(List<DialCell> cells, int x) { gate(); DialCell[] mine = new DialCell[cells.size()]; cells.toArray(mine); mine[0].n += 5; return x; }
                    @Concurrent static int takeNext(Iterator<Integer> it, int x) { gate(); return it.next() * 100 + x; }
                    static final class AtFirst { static final int V = COUNTED * 10 + CELLS[0]; }
                    @Concurrent static int firstScaled(int x) { gate(); return AtFirst.V * 100 + x; }
                    static final class Registrar { static { KEPT.add(-9); } static int twice(int v) { return 2 * v; } }
                    @Concurrent static int registered(int x) { gate(); return Registrar.twice(x); }
                    static final class Doubler { static { KEPT.add(-8); } static int twice(int v) { return 2 * v; } }
                    @Concurrent static int viaDoubler(int x) { gate(); return java.util.stream.IntStream.of(x).map(Doubler::twice).sum(); }
                    static final class Census { static final int SEEN = COUNTED + CELLS[1]; final int seen = SEEN; }
                    static final class Late { static final int AT = COUNTED; @Concurrent static int late(int x) { gate(); return AT * 100 + x; } }
                    static class Reader { @Concurrent int read(int[] a, int x) { gate(); return a[0] + x; } }
                    static class Counting extends Reader { @Override int read(int[] a, int x) { gate(); return ++a[0] + x; } }
                    @Concurrent static int ticketOf(Supplier<Integer> s, int x) { gate(); return s.get() * 100 + x; }
                    @Concurrent static int mapWith(List<Integer> l, java.util.function.Function<Integer, Integer> fn, int x) { gate(); return l.stream().map(fn).mapToInt(v -> v).sum() + x; }
                    @Synchronized static int shiftMap(Map<Integer, Integer> from, Map<Integer, Integer> to, int base) { for (int k = 1; k < 4; k++) { Integer v = from.get(k - 1); to.put(k, f((v == null ? 0 : v) % 50 + base)); } return to.size(); }
                    @Synchronized static int walkValuesInto(Map<Integer, Integer> from, Map<Integer, Integer> to, int base) { int k = 0; for (int v : from.values()) { if (k < 3) to.put(k, f(v % 50 + base)); k++; } for (Integer key : from.keySet()) { if (k++ < 6) to.put(key, f(key % 50)); } for (Map.Entry<Integer, Integer> en : from.entrySet()) { if (k++ < 9) to.put(en.getKey(), f(en.getValue() % 50)); } return to.size(); }
                    @Synchronized static int walkInto(Collection<Integer> from, List<Integer> to, int base) { int n = 0; for (int v : from) { if (n++ < 3) to.add(f(v % 50 + base)); } return to.size(); }
                    @Synchronized static int growList(List<Integer> from, List<Integer> to, int base) { for (int k = 0; k < 3; k++) { to.add(f((from.isEmpty() ? 0 : from.get(from.size() - 1)) % 50 + base)); } return to.size(); }
                    @Synchronized static void shiftBoxList(List<Integer> in, Integer[] res, int from) { for (int k = 1; k < res.length && k <= in.size(); k++) { Integer v = in.get(k - 1); res[k] = f((v == null ? 0 : v) % 50 + from); } }
                    @Synchronized static void shiftBoxes(Integer[] in, Object[] res, int from) { for (int k = 1; k < res.length; k++) res[k] = f((in[k - 1] == null ? 0 : in[k - 1]) % 50 + from); }
                    @Synchronized int sub(List<Integer> target, List<Integer> source) {
                        int before = source.size();
                        for (int k = 0; k < 3; k++) target.add(f(k + before));
                        return source.size() + target.size();
                    }
                """.replace("$CLASS", className));
        lines.add("    @Synchronized");
        lines.add("    public String run() throws Exception {");
        lines.add(body.toString().stripTrailing());
        lines.add("    }");
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }
}
