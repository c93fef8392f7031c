package deco.core.weave;

import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.Set;

/**
 * What the weaver assumes about methods of the JDK's own classes: which of them only read their
 * receiver and arguments (a query, a comparison, a view; not an iterator's step, decision 062).
 * Every other JDK method may write its receiver and its arguments; no JDK method reaches the
 * application's fields except through the objects it is given (docs/decisions/013-what-the-weaver-proves.md),
 * with two exceptions (decision 063): reflection and method handles ({@link #reflects}) run and
 * reach anything, and a few static methods hand out objects other code holds too
 * ({@link #handsOutSharedObjects}: {@code Enum.valueOf}, {@code Runtime.getRuntime()}).
 */
final class JdkMethods {

    private JdkMethods() {
    }

    private static final Set<String> QUERIES = Set.of(
            // collections and maps
            "get", "getOrDefault", "size", "isEmpty", "contains", "containsKey", "containsValue", "containsAll",
            "indexOf", "lastIndexOf", "getFirst", "getLast", "firstKey", "lastKey", "firstEntry", "lastEntry",
            "floorKey", "ceilingKey", "higherKey", "lowerKey", "peek", "peekFirst", "peekLast", "element",
            "keySet", "values", "entrySet", "subList", "iterator", "listIterator", "nextIndex", "previousIndex",
            "getKey", "getValue", "toArray",
            // objects, strings, numbers
            "equals", "hashCode", "toString", "length", "charAt", "compareTo", "compare", "intValue",
            "longValue", "doubleValue", "floatValue", "shortValue", "byteValue", "booleanValue", "charValue",
            "valueOf", "substring", "startsWith", "endsWith", "isBlank", "strip", "trim", "toLowerCase",
            "toUpperCase", "getClass", "ordinal", "name", "clone",
            // threads and stack traces: a callee asking which thread runs it, or where it was called from
            "getName", "getState", "getStackTrace", "getClassName", "getMethodName", "getFileName",
            "getLineNumber", "threadId", "isAlive", "isInterrupted", "isDaemon", "isVirtual", "getPriority",
            // a collection's stream: read lazily, never written through (decision 053)
            "stream", "parallelStream");

    private static final Set<String> PURE_STATIC_OWNERS = Set.of("java/lang/Math", "java/lang/StrictMath",
            "java/lang/Integer", "java/lang/Long", "java/lang/Double", "java/lang/Float", "java/lang/Short",
            "java/lang/Byte", "java/lang/Character", "java/lang/Boolean", "java/lang/String", "java/util/Objects",
            "java/util/List", "java/util/Set", "java/util/Map");

    private static final Set<String> PURE_STATIC_NAMES = Set.of("toString", "deepToString", "equals",
            "deepEquals", "hashCode", "deepHashCode", "copyOf", "copyOfRange", "stream", "asList");

    /**
     * {@code java.util.Collections}' methods that only read what they are given: a result is
     * fresh, or a view of an argument, through which a write would be the argument's (decision 053).
     */
    private static final Set<String> COLLECTIONS_QUERIES = Set.of("max", "min", "frequency", "disjoint",
            "binarySearch", "indexOfSubList", "lastIndexOfSubList", "nCopies", "singleton", "singletonList",
            "singletonMap", "emptyList", "emptySet", "emptyMap", "unmodifiableCollection", "unmodifiableList",
            "unmodifiableSet", "unmodifiableMap", "unmodifiableSortedSet", "unmodifiableSortedMap",
            "unmodifiableNavigableSet", "unmodifiableNavigableMap", "unmodifiableSequencedCollection",
            "unmodifiableSequencedSet", "unmodifiableSequencedMap");

    /**
     * Functional interfaces: calling one runs a lambda's body or an application's method, which
     * may write what it captured ({@code Supplier.get}, like {@code Function.apply}); so does a
     * {@code Comparator}'s {@code compare} (decision 062).
     */
    private static final String FUNCTIONS = "java/util/function/";

    /** Stream types: a stream never writes its source (its lambdas' own effects are their bodies'). */
    private static final String STREAMS = "java/util/stream/";

    /** The call only reads its receiver and arguments; its result, if a reference, is fresh or derived from the receiver. */
    static boolean isQuery(InvokeInstruction invoke) {
        return isQuery(invoke, invoke.owner().asInternalName());
    }

    /** As {@link #isQuery(InvokeInstruction)}, for a call that resolves into the JDK class {@code owner}. */
    static boolean isQuery(InvokeInstruction invoke, String owner) {
        return JdkTypes.isJdk(owner) && !fillsArgument(invoke)
                && isQuery(owner, invoke.name().stringValue(), invoke.opcode() == Opcode.INVOKESTATIC);
    }

    /**
     * A {@code java.util} collection's constructor given a {@code Collection} or {@code Map} at
     * {@code position} ({@code new ArrayList<>(values)}): it copies the elements, so it only reads
     * the argument; the new collection is written.
     */
    static boolean copiesArgument(InvokeInstruction invoke, int position) {
        if (position == 0 || !invoke.name().equalsString("<init>")
                || !invoke.owner().asInternalName().startsWith("java/util/")) {
            return false;
        }
        String type = invoke.typeSymbol().parameterType(position - 1).descriptorString();
        return type.equals("Ljava/util/Collection;") || type.equals("Ljava/util/Map;");
    }

    /**
     * {@code System.out} or {@code System.err}: printing is output, not state a call reads, and the
     * weaver already lets calls print concurrently (assumption 1), so reading these fields and
     * printing to them reach no hidden state (decision 034). What is printed is still read.
     */
    static boolean isStandardStream(java.lang.classfile.instruction.FieldInstruction field) {
        return field.opcode() == Opcode.GETSTATIC && field.owner().asInternalName().equals("java/lang/System")
                && (field.name().equalsString("out") || field.name().equalsString("err"));
    }

    /** {@code throwable.printStackTrace()} or {@code Thread.dumpStack()}: they print to {@code System.err}. */
    static boolean printsToStandardError(InvokeInstruction invoke) {
        return invoke.typeSymbol().parameterCount() == 0 && (invoke.name().equalsString("printStackTrace")
                || invoke.name().equalsString("dumpStack") && invoke.owner().asInternalName().equals("java/lang/Thread"));
    }

    /** The JDK list types a read of a list's own storage may be called through (decision 055). */
    private static final Set<String> LIST_TYPES = Set.of("java/util/List", "java/util/Collection",
            "java/util/SequencedCollection", "java/util/AbstractList", "java/util/AbstractCollection",
            "java/util/ArrayList", "java/util/LinkedList", "java/util/Vector",
            "java/util/concurrent/CopyOnWriteArrayList");

    /** The JDK map types a read of a map's own storage may be called through (decision 061). */
    private static final Set<String> MAP_TYPES = Set.of("java/util/Map", "java/util/SortedMap",
            "java/util/NavigableMap", "java/util/SequencedMap", "java/util/AbstractMap", "java/util/HashMap",
            "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/Hashtable", "java/util/IdentityHashMap",
            "java/util/EnumMap", "java/util/concurrent/ConcurrentMap", "java/util/concurrent/ConcurrentNavigableMap",
            "java/util/concurrent/ConcurrentHashMap", "java/util/concurrent/ConcurrentSkipListMap");

    /**
     * A read of a JDK collection's own storage, giving a number, a flag or an element (decisions
     * 055, 061): on a list, {@code get(i)}, {@code size()}, {@code isEmpty()}, {@code getFirst()} or
     * {@code getLast()}; on a map, {@code get(key)}, {@code containsKey(key)}, {@code size()} or
     * {@code isEmpty()}, which run only the keys' {@code hashCode} and {@code equals} (or the map's
     * comparator), taken like every JDK method to read only what they are given. ({@code contains}
     * and {@code indexOf} run the elements' {@code equals}; {@code containsValue} the values'.)
     *
     * @param owner the JDK class the call resolves into
     */
    static boolean readsOwnStorage(InvokeInstruction invoke, String owner) {
        boolean map = MAP_TYPES.contains(owner);
        if (invoke.opcode() == Opcode.INVOKESTATIC || !map && !LIST_TYPES.contains(owner)) {
            return false;
        }
        String name = invoke.name().stringValue();
        String descriptor = invoke.typeSymbol().descriptorString();
        if (name.equals("size") || name.equals("isEmpty")) {
            return descriptor.equals(name.equals("size") ? "()I" : "()Z");
        }
        if (map) {
            return name.equals("get") && descriptor.equals("(Ljava/lang/Object;)Ljava/lang/Object;")
                    || name.equals("containsKey") && descriptor.equals("(Ljava/lang/Object;)Z");
        }
        return name.equals("get") && descriptor.equals("(I)Ljava/lang/Object;")
                || (name.equals("getFirst") || name.equals("getLast")) && descriptor.equals("()Ljava/lang/Object;");
    }

    /**
     * A JDK map's {@code keySet()}, {@code values()} or {@code entrySet()}: a view that reads only
     * the map's own storage, when the map holds it (decision 062).
     *
     * @param owner the JDK class the call resolves into
     */
    static boolean viewsMap(InvokeInstruction invoke, String owner) {
        if (invoke.opcode() == Opcode.INVOKESTATIC || !MAP_TYPES.contains(owner)
                || invoke.typeSymbol().parameterCount() != 0) {
            return false;
        }
        String name = invoke.name().stringValue();
        return name.equals("keySet") || name.equals("values") || name.equals("entrySet");
    }

    /** A map entry's {@code getKey()} or {@code getValue()}: a read of the entry (decision 062). */
    static boolean readsEntry(InvokeInstruction invoke, String owner) {
        return invoke.opcode() != Opcode.INVOKESTATIC && owner.equals("java/util/Map$Entry")
                && invoke.typeSymbol().parameterCount() == 0
                && (invoke.name().equalsString("getKey") || invoke.name().equalsString("getValue"));
    }

    /** {@code collection.toArray(array)}: it writes the array it is given (and may return it). */
    static boolean fillsArgument(InvokeInstruction invoke) {
        return invoke.name().equalsString("toArray") && invoke.typeSymbol().parameterCount() == 1
                && invoke.typeSymbol().parameterType(0).isArray();
    }

    /**
     * What a class, a member or a method handle tells about itself without running or reaching
     * anything: its name, its modifiers, what it is.
     */
    private static final Set<String> REFLECTIVE_QUERIES = Set.of("getName", "getSimpleName", "getTypeName",
            "getCanonicalName", "getPackageName", "descriptorString", "isInstance", "isAssignableFrom", "isArray",
            "isEnum", "isRecord", "isInterface", "isPrimitive", "isAnnotation", "isHidden", "isSealed",
            "isSynthetic", "isVarArgs", "getModifiers", "getParameterCount", "equals", "hashCode", "toString");

    /**
     * Whether a call into {@code java.lang.Class}, {@code java.lang.reflect} or
     * {@code java.lang.invoke} may run code or reach state the weaver does not see: invoking a
     * method, setting or getting a field, making an instance, the constants of an enum, a class's
     * static initializer. Such a call is taken as code the weaver cannot see (decision 063); only
     * questions about names and modifiers ({@link #REFLECTIVE_QUERIES}) are not.
     *
     * @param owner the JDK class the call resolves into, by internal name
     * @param name  the method's name
     */
    static boolean reflects(String owner, String name) {
        return (owner.equals("java/lang/Class") || owner.startsWith("java/lang/reflect/")
                || owner.startsWith("java/lang/invoke/")) && !REFLECTIVE_QUERIES.contains(name);
    }

    /**
     * JDK static methods that hand out an object other code holds too, by owner: an
     * enum's constants ({@code Enum.valueOf}, {@code EnumSet.allOf}), the process's registries
     * (the runtime, the system properties, loggers, preferences, the common pool, the system
     * class loader). Every other JDK static method is taken to return what it makes, an immutable
     * value, or what it is given (decision 063).
     */
    private static final java.util.Map<String, Set<String>> SHARED_STATICS = java.util.Map.ofEntries(
            java.util.Map.entry("java/lang/Enum", Set.of("valueOf")),
            java.util.Map.entry("java/util/EnumSet", Set.of("allOf", "complementOf", "range")),
            java.util.Map.entry("java/lang/Runtime", Set.of("getRuntime")),
            java.util.Map.entry("java/lang/System", Set.of("getProperties", "getLogger", "console")),
            java.util.Map.entry("java/util/logging/Logger", Set.of("getLogger", "getGlobal")),
            java.util.Map.entry("java/util/logging/LogManager", Set.of("getLogManager")),
            java.util.Map.entry("java/util/concurrent/ForkJoinPool", Set.of("commonPool")),
            java.util.Map.entry("java/lang/ClassLoader", Set.of("getSystemClassLoader", "getPlatformClassLoader")),
            java.util.Map.entry("java/util/prefs/Preferences",
                    Set.of("userRoot", "systemRoot", "userNodeForPackage", "systemNodeForPackage")));

    /**
     * Whether the JDK static method {@code owner.name} may return an object other code holds too
     * ({@link #SHARED_STATICS}): what the caller does through it is done to shared state, as
     * through a static's object (decision 063).
     *
     * @param owner the JDK class declaring the method, by internal name
     * @param name  the method's name
     */
    static boolean handsOutSharedObjects(String owner, String name) {
        Set<String> names = SHARED_STATICS.get(owner); // no string built: asked of every JDK static call
        return names != null && names.contains(name);
    }

    /** What the runtime and a process handle tell about the process without changing anything. */
    private static final Set<String> PROCESS_QUERIES = Set.of("availableProcessors", "freeMemory", "maxMemory",
            "totalMemory", "version", "pid", "info", "parent", "isAlive", "supportsNormalTermination", "command",
            "commandLine", "arguments", "startInstant", "totalCpuDuration", "user");

    /** The classes {@link #PROCESS_QUERIES} are asked of. */
    private static final Set<String> PROCESS_TYPES = Set.of("java/lang/Runtime", "java/lang/ProcessHandle",
            "java/lang/ProcessHandle$Info");

    /**
     * @param owner    the JDK class declaring the method, by internal name
     * @param name     the method's name
     * @param isStatic whether it is a static method
     * @return whether the method only reads its receiver and arguments
     */
    static boolean isQuery(String owner, String name, boolean isStatic) {
        if (isStatic) {
            return PURE_STATIC_OWNERS.contains(owner)
                    || (owner.equals("java/util/Arrays") && PURE_STATIC_NAMES.contains(name))
                    || (owner.equals("java/util/Collections") && COLLECTIONS_QUERIES.contains(name));
        }
        if (owner.startsWith(FUNCTIONS) || owner.equals("java/util/Comparator") && name.equals("compare")) {
            return false; // a lambda's body, or an application's class: code that may write (decision 062)
        }
        if (owner.startsWith("java/nio/") && owner.endsWith("Buffer") && name.equals("get")) {
            return false; // a buffer's get() moves its position; get(dst) fills dst (decision 062)
        }
        return QUERIES.contains(name) || owner.startsWith(STREAMS)
                || PROCESS_TYPES.contains(owner) && PROCESS_QUERIES.contains(name);
    }

    /** Types whose instances are code to run: a JDK method given one may run it. */
    private static final Set<String> CODE_TYPES = Set.of("Ljava/util/Comparator;", "Ljava/lang/Runnable;",
            "Ljava/util/concurrent/Callable;");

    /**
     * Whether the JDK call {@code invoke} may run the argument at {@code position}: a function
     * ({@code java.util.function}), a {@code Comparator}, a {@code Runnable} or a {@code Callable}
     * it is given, such as {@code stream.map(f)} or {@code Objects.requireNonNullElseGet(x, s)}.
     * Running it runs a lambda's body or an application's method, which may change what it
     * captured or holds: even a query writes such an argument (decision 062).
     */
    static boolean runsArgument(InvokeInstruction invoke, int position) {
        if (position == 0 && invoke.opcode() != Opcode.INVOKESTATIC) {
            return false; // the receiver: f.andThen(g) is no query (FUNCTIONS)
        }
        String type = Descriptors.input(invoke, position).descriptorString();
        return type.startsWith("L" + FUNCTIONS) || CODE_TYPES.contains(type);
    }

    /** The steps of an iterator or a scanner: each moves its cursor (decision 062). */
    private static final Set<String> STEPS = Set.of("hasNext", "next", "hasPrevious", "previous");

    /**
     * {@code hasNext()}, {@code next()}, {@code hasPrevious()} or {@code previous()} of a JDK
     * iterator, list iterator or scanner: not a query, since it moves the cursor of the object it
     * is called on (and a scanner's or a stream's {@code hasNext} reads ahead into it). It reads
     * the collection the iterator walks (decision 062).
     *
     * @param owner the JDK class the call resolves into
     */
    static boolean stepsIterator(InvokeInstruction invoke, String owner) {
        return invoke.opcode() != Opcode.INVOKESTATIC && JdkTypes.isJdk(owner)
                && STEPS.contains(invoke.name().stringValue());
    }
}
