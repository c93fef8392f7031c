/**
 * DiskDict and DiskList: a map and a list limited by disk, not heap. Filled by its own issue; the
 * module exists so the reactor and the module graph are in place.
 */
module deco.memory {
}
