/** deco's getting-started example: a woven climate model whose results go to a DiskDict. */
module example.climate {
    requires deco.core;
    requires deco.memory;
}
