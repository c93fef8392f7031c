package deco.memory.jvm;

import java.util.List;

/**
 * A JVM flag that names, after its last {@code =}, the modules it is for:
 * {@code --add-exports=M/P=T1,T2}, {@code --add-opens=M/P=T1,T2},
 * {@code --enable-native-access=T1,T2}. {@code ALL-UNNAMED} is the class path.
 *
 * @param option  {@code --add-exports}, {@code --add-opens} or {@code --enable-native-access}
 * @param subject {@code M/P} for exports and opens; empty for native access
 * @param targets the modules the flag is for
 */
record TargetedFlag(String option, String subject, List<String> targets) {

    /**
     * @param flag a flag as written on the command line
     * @return the flag's parts, or {@code null} if it names no target modules
     */
    static TargetedFlag parse(String flag) {
        int equals = flag.indexOf('=');
        if (equals < 0) {
            return null;
        }
        String option = flag.substring(0, equals);
        String value = flag.substring(equals + 1);
        return switch (option) {
            case "--add-exports", "--add-opens" -> {
                int last = value.lastIndexOf('=');
                yield last < 0 ? null
                        : new TargetedFlag(option, value.substring(0, last), List.of(value.substring(last + 1).split(",")));
            }
            case "--enable-native-access" -> new TargetedFlag(option, "", List.of(value.split(",")));
            default -> null;
        };
    }

    /** {@return the module of {@link #subject()} ({@code M} of {@code M/P})} */
    String sourceModule() {
        return subject.substring(0, subject.indexOf('/'));
    }

    /** {@return the package of {@link #subject()} ({@code P} of {@code M/P})} */
    String sourcePackage() {
        return subject.substring(subject.indexOf('/') + 1);
    }

    /**
     * @param others the modules the new flag is for
     * @return the same flag for {@code others}, as written on the command line
     */
    String flagFor(List<String> others) {
        return option + "=" + (subject.isEmpty() ? "" : subject + "=") + String.join(",", others);
    }
}
