package deco.memory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Which classes may be keys in their Java-serialized form (decision 035).
 *
 * <p>A {@link DiskDict} finds a key by its bytes, so equal keys must encode to equal bytes. Java
 * serialization does not promise that: an object referenced twice is written once and then as a
 * back-reference (so {@code new Pair(s, s)} and {@code new Pair(s, new String(s))} differ), a
 * {@code HashSet} writes its capacity and its hash order, a class may write a cached field that
 * {@code equals} ignores. Two equal keys would then be two entries. Enums (written by name) and the
 * listed JDK value classes (written field by field, with no shared references and no caches) are
 * canonical; records are encoded component by component instead; anything else needs a codec the
 * user vouches for.
 *
 * <p>Stateless; thread-safe.
 */
final class CanonicalKeys {

    /** JDK value classes whose serialized form is a function of their value. */
    private static final Set<Class<?>> SERIALIZED_CANONICALLY = Set.of(UUID.class, BigInteger.class, BigDecimal.class,
            Duration.class, Instant.class, LocalDate.class, LocalDateTime.class, LocalTime.class, MonthDay.class,
            OffsetDateTime.class, OffsetTime.class, Period.class, Year.class, YearMonth.class, ZoneOffset.class,
            ZonedDateTime.class);

    private CanonicalKeys() {
    }

    /**
     * @param type a {@code Serializable} class, declared or of an actual key
     * @return whether equal instances of exactly this class serialize to equal bytes
     */
    private static boolean serializedFormIsCanonical(Class<?> type) {
        return Enum.class.isAssignableFrom(type) || SERIALIZED_CANONICALLY.contains(type);
    }

    /**
     * @param type     a {@code Serializable} class, declared or of an actual key
     * @param declared the dictionary's key type
     * @throws IllegalArgumentException if {@code type}'s serialized form is not canonical; the
     *                                  message says what to use instead
     */
    static void requireSerializedFormCanonical(Class<?> type, Class<?> declared) {
        if (!serializedFormIsCanonical(type)) {
            throw new IllegalArgumentException(refusal(type, declared));
        }
    }

    private static String refusal(Class<?> type, Class<?> declared) {
        return type.getName() + " cannot be a key in its Java-serialized form: a DiskDict finds keys by their bytes,"
                + " and Java serialization can give equal objects different bytes (shared references, capacities,"
                + " hash order, cached fields), so one key could be stored twice. Use a String, a boxed primitive,"
                + " byte[], an enum, UUID, BigInteger, BigDecimal, a java.time value, a List/Set/Map of these (as"
                + " Object keys), or a record of these; or supply keyCodec(...) with a canonical encoding. A"
                + " dictionary written with such keys by an earlier deco opens with"
                + " keyCodec(Codec.forType(" + declared.getSimpleName() + ".class)), which keeps that risk";
    }
}
