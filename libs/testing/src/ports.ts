// The one freePort, shared with the benchmark (bench/run.mts), which Node runs without Jest.
export { freePort } from '../../../scripts/lib/free-port';
