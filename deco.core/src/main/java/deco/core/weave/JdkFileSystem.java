package deco.core.weave;

import java.lang.constant.MethodTypeDesc;
import java.util.Set;

/**
 * The JDK methods and constructors that read or change the file system (decision 059), by a closed
 * list: {@code java.nio.file.Files} (every method touches files; those that change them are
 * listed), {@code java.io.File}'s queries and changes, the streams, readers, writers and channels
 * that open a file by its name, {@code ZipFile} and {@code JarFile}, {@code ImageIO}, and
 * starting a process. Decision 013's assumption 2 ("JDK methods reach application state only
 * through the objects they are given") does not hold for them: {@code Files.writeString(path, s)}
 * changes what a later {@code Files.readString(path)} returns, and neither is given the other.
 *
 * <p>Not here, and so taken to touch no file: writes through a stream or channel already open
 * (the object is what the call writes, as for any JDK object), path arithmetic
 * ({@code Path.resolve}, {@code new File(dir, name)}), URLs and sockets.
 *
 * <p>Stateless.
 */
final class JdkFileSystem {

    private JdkFileSystem() {
    }

    private static final String FILES = "java/nio/file/Files";
    private static final String FILE = "java/io/File";

    /** {@code Files}' methods that change files; its every other method reads them. */
    private static final Set<String> FILES_CHANGES = Set.of("write", "writeString", "newOutputStream",
            "newBufferedWriter", "newByteChannel", "copy", "move", "delete", "deleteIfExists", "createFile",
            "createDirectory", "createDirectories", "createTempFile", "createTempDirectory", "createLink",
            "createSymbolicLink", "setAttribute", "setLastModifiedTime", "setOwner", "setPosixFilePermissions",
            "walkFileTree"); // walkFileTree runs a visitor, which the JDK calls: taken to change files

    /** {@code File}'s methods that change files. */
    private static final Set<String> FILE_CHANGES = Set.of("delete", "deleteOnExit", "mkdir", "mkdirs", "renameTo",
            "createNewFile", "createTempFile", "setLastModified", "setReadOnly", "setWritable", "setReadable",
            "setExecutable");

    /** {@code File}'s methods that read files (the rest is path arithmetic). */
    private static final Set<String> FILE_READS = Set.of("exists", "isFile", "isDirectory", "isHidden", "lastModified",
            "length", "list", "listFiles", "canRead", "canWrite", "canExecute", "getCanonicalPath", "getCanonicalFile",
            "getTotalSpace", "getFreeSpace", "getUsableSpace", "listRoots");

    /** Classes whose every constructor opens a file to change it (a random-access file: either mode). */
    private static final Set<String> OPEN_TO_CHANGE = Set.of("java/io/FileOutputStream", "java/io/FileWriter",
            "java/io/RandomAccessFile", "java/util/logging/FileHandler");

    /** Classes whose every constructor opens a file to read it. */
    private static final Set<String> OPEN_TO_READ = Set.of("java/io/FileInputStream", "java/io/FileReader",
            "java/util/zip/ZipFile", "java/util/jar/JarFile");

    /** Classes whose constructors open a file to change it when given a file name, a {@code File} or a {@code Path}. */
    private static final Set<String> OPEN_TO_CHANGE_BY_NAME = Set.of("java/io/PrintWriter", "java/io/PrintStream",
            "java/util/Formatter");

    /** {@code owner.name} of other methods that change files, whatever their descriptor. */
    private static final Set<String> CHANGES = Set.of("java/nio/channels/FileChannel.open",
            "java/nio/channels/AsynchronousFileChannel.open", "java/nio/file/FileSystems.newFileSystem",
            "java/lang/ProcessBuilder.start", "java/lang/ProcessBuilder.startPipeline", "java/lang/Runtime.exec",
            "javax/imageio/ImageIO.write", "javax/imageio/ImageIO.createImageOutputStream");

    /** {@code owner.name} of other methods that read files. */
    private static final Set<String> READS = Set.of("java/nio/file/Path.toRealPath", "java/nio/file/Path.register",
            "javax/imageio/ImageIO.read", "javax/imageio/ImageIO.createImageInputStream");

    /**
     * @param owner the JDK class that runs the method (internal name)
     * @param name  the method's name ({@code <init>} for a constructor)
     * @param type  the method's descriptor
     * @return what the method does to the file system
     */
    static FileSystemUse use(String owner, String name, MethodTypeDesc type) {
        if (owner.equals(FILES)) {
            return FILES_CHANGES.contains(name) ? FileSystemUse.WRITES : FileSystemUse.READS;
        }
        if (owner.equals(FILE)) {
            return FILE_CHANGES.contains(name) ? FileSystemUse.WRITES
                    : FILE_READS.contains(name) ? FileSystemUse.READS : FileSystemUse.NONE;
        }
        if (name.equals("<init>")) {
            if (OPEN_TO_CHANGE.contains(owner)
                    || OPEN_TO_CHANGE_BY_NAME.contains(owner) && opensByName(type, true)) {
                return FileSystemUse.WRITES;
            }
            if (OPEN_TO_READ.contains(owner) || owner.equals("java/util/Scanner") && opensByName(type, false)) {
                return FileSystemUse.READS; // new Scanner(String) scans the string, not a file
            }
            return FileSystemUse.NONE;
        }
        String method = owner + "." + name;
        return CHANGES.contains(method) ? FileSystemUse.WRITES
                : READS.contains(method) ? FileSystemUse.READS : FileSystemUse.NONE;
    }

    /** Whether a constructor's first parameter names a file: a {@code File}, a {@code Path}, or (if {@code stringIsName}) a {@code String}. */
    private static boolean opensByName(MethodTypeDesc type, boolean stringIsName) {
        if (type.parameterCount() == 0) {
            return false;
        }
        String first = type.parameterType(0).descriptorString();
        return first.equals("Ljava/io/File;") || first.equals("Ljava/nio/file/Path;")
                || stringIsName && first.equals("Ljava/lang/String;");
    }
}
