import { describe, expect, it } from 'vitest';
import { configuredNames } from '../../src/plan/configuredNames.js';

describe("configuredNames: what the code sets, from the plan's configuration", () => {
  it('lists each resource’s expressions, through module calls', () => {
    const configuration = {
      root_module: {
        resources: [
          { address: 'aws_iam_policy.ci', expressions: { policy: {}, name: { constant_value: 'ci' } } },
          { address: 'aws_s3_bucket.logs' },
        ],
        module_calls: {
          app: {
            source: './app',
            module: {
              resources: [{ address: 'aws_security_group_rule.ssh', expressions: { cidr_blocks: {}, type: {} } }],
              module_calls: { db: { module: { resources: [{ address: 'aws_db_instance.main', expressions: {} }] } } },
            },
          },
        },
      },
    };
    expect(configuredNames(configuration)).toEqual({
      'aws_iam_policy.ci': ['name', 'policy'],
      'aws_s3_bucket.logs': [],
      'module.app.aws_security_group_rule.ssh': ['cidr_blocks', 'type'],
      'module.app.module.db.aws_db_instance.main': [],
    });
  });

  it.each([[undefined], [null], [{}], [{ root_module: [] }]])(
    'is null without a configuration: %j',
    (configuration) => {
      expect(configuredNames(configuration)).toBeNull();
    },
  );
});
