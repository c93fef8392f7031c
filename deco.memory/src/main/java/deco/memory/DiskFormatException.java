package deco.memory;

import java.io.Serial;

/**
 * A path that is not a deco collection, or whose files are damaged (truncated, wrong magic
 * number, a part missing). Nothing was changed on disk.
 */
public final class DiskFormatException extends IllegalStateException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A damaged or foreign file.
     *
     * @param message what is wrong, naming the file
     */
    public DiskFormatException(String message) {
        super(message);
    }

    /**
     * A damaged or foreign file, with what found it out.
     *
     * @param message what is wrong, naming the file
     * @param cause   the underlying failure
     */
    public DiskFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
