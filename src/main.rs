fn main() {
    std::process::exit(claimtrace::cli::main());
}
