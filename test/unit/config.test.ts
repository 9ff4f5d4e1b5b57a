import { expect } from 'chai';
import path from 'node:path';
import { ConfigError, databaseUrl, loadConfig } from '../../lib/config';
import { projectRoot } from '../../lib/paths';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from environment variables', () => {
  it('starts with documented defaults when nothing is set: dev Temporal and embedded PostgreSQL', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3000);
    expect(config.host).to.equal('127.0.0.1');
    expect(config.temporalAddress).to.be.undefined;
    expect(config.temporalTarget).to.equal('127.0.0.1:7233');
    expect(config.temporalUiUrl).to.equal('http://127.0.0.1:8233');
    expect(config.databaseUrl).to.be.undefined;
    expect(databaseUrl(config)).to.equal('postgres://jansetu:jansetu@127.0.0.1:5433/jansetu');
    expect(config.dataDir).to.equal(path.join(projectRoot, 'data'));
    expect(config.publicUrl).to.equal('http://127.0.0.1:3000');
  });

  it('uses TEMPORAL_ADDRESS and DATABASE_URL when set, and then has no dev UI link', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      DATABASE_URL: 'postgresql://app:secret@db.internal:5432/jansetu',
      PORT: '8080',
    });
    expect(config.temporalTarget).to.equal('temporal.internal:7233');
    expect(databaseUrl(config)).to.equal('postgresql://app:secret@db.internal:5432/jansetu');
    expect(config.temporalUiUrl).to.be.undefined;
    expect(config.publicUrl).to.equal('http://127.0.0.1:8080');
  });

  it('names the variable, the value and what is expected for a bad port', () => {
    const [problem, ...rest] = problemsOf({ PORT: 'eighty' });
    expect(rest).to.be.empty;
    expect(problem).to.contain('PORT="eighty"').and.to.contain('port number from 1 to 65535');
  });

  it('reports every bad variable at once, not only the first', () => {
    const problems = problemsOf({
      PORT: '70000',
      DATABASE_URL: 'mysql://x@y/z',
      TEMPORAL_ADDRESS: 'no-port-here',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
    });
    expect(problems.map((p) => p.split('=')[0])).to.have.members([
      'PORT',
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
      'LOG_LEVEL',
      'NODE_ENV',
    ]);
    expect(problems.join('\n')).to.contain('postgres://');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '', PORT: ' ' }).temporalAddress).to.be.undefined;
  });

  it('refuses a pool size of 0 and a grace period that is not a whole number', () => {
    const problems = problemsOf({ DB_POOL_MAX: '0', SHUTDOWN_GRACE_MS: '1.5' });
    expect(problems).to.have.length(2);
  });
});
