// Entry point of the `renkei` executable.
int main() { return 0; }
