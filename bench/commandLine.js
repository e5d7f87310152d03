/**
 * A bench's command line: `--help` answered, options read one at a time, and bad usage an exit
 * with status 2 and one line naming the option.
 */
export function commandLine(name, usage) {
  const fail = (message) => {
    console.error(`${name}: ${message}`);
    process.exit(2);
  };
  /** Calls `option(arg, value, count)` for each option; it returns false for one it does not know. */
  const read = (argv, option) => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === '--help' || arg === '-h') {
        console.log(usage);
        process.exit(0);
      }
      const value = () => argv[++i] ?? fail(`${arg} needs a value`);
      const count = () => {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) fail(`${arg} needs a positive integer`);
        return n;
      };
      if (!option(arg, value, count)) fail(`unknown option ${arg}\n${usage}`);
    }
  };
  return { fail, read };
}
