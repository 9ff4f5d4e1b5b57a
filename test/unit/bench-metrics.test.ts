import { expect } from 'chai';
import { metricSum } from '../../bench/temporal-metrics';

// Lines as the Temporal server and the SDK's Prometheus exporter write them.
const text = [
  '# HELP schedule_to_start_timeout schedule_to_start_timeout counter',
  '# TYPE schedule_to_start_timeout counter',
  'schedule_to_start_timeout{namespace="default",operation="TimerActiveTaskWorkflowTaskTimeout",service_name="history"} 7',
  'schedule_to_start_timeout{namespace="default",operation="TimerActiveTaskActivityTimeout",service_name="history"} 100',
  'start_to_close_timeout{namespace="default",operation="TimerActiveTaskWorkflowTaskTimeout",service_name="history"} 2 1733550000000',
  'schedule_to_start_timeout_total{operation="TimerActiveTaskWorkflowTaskTimeout"} 1000',
  'start_to_close_timeout{parent_operation="TimerActiveTaskWorkflowTaskTimeout"} 50',
  'temporal_sticky_cache_size{namespace="default",task_queue="jan-setu"} 250',
  'temporal_sticky_cache_size 3',
  'temporal_workflow_task_execution_failed_total{failure_reason="NonDeterminismError"} 1',
].join('\n');

describe('bench: Prometheus sums', () => {
  it('sums the named metrics over the samples whose labels match, and only those', () => {
    expect(
      metricSum(text, ['schedule_to_start_timeout', 'start_to_close_timeout'], {
        operation: 'TimerActiveTaskWorkflowTaskTimeout',
      }),
    ).to.equal(9);
    expect(metricSum(text, ['schedule_to_start_timeout'])).to.equal(107);
  });

  it('takes samples with and without labels, and a sample with a timestamp by its value', () => {
    expect(metricSum(text, ['temporal_sticky_cache_size'])).to.equal(253);
    expect(metricSum(text, ['start_to_close_timeout'])).to.equal(52);
  });

  it('is 0 for a metric not yet written (Temporal makes counters on first use)', () => {
    expect(metricSum(text, ['temporal_sticky_cache_miss'])).to.equal(0);
    expect(metricSum(text, ['temporal_workflow_task_execution_failed'])).to.equal(0);
    expect(metricSum(text, ['temporal_workflow_task_execution_failed_total'])).to.equal(1);
  });
});
