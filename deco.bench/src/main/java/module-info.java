module deco.bench {
    requires deco.core;
}
