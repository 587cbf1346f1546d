use std::process::ExitCode;

fn main() -> ExitCode {
    wxwork_migrate::run::main()
}
