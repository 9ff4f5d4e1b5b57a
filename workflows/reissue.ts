// Re-issue of a certificate (after a revocation, e.g. a corrected name): a new serial for the same
// application, made once however often it is asked for (the workflow id is the new serial's key).
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ApplicationInput } from './application-messages';
import { istDate } from '../lib/working-days';

const documents = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

export interface ReissueInput {
  input: ApplicationInput;
  issueNumber: number;
  reason: string;
  requestedBy: string;
}

export async function reissueCertificateWorkflow(
  request: ReissueInput,
): Promise<{ serial: string; verifyUrl: string }> {
  const issued = await documents.issueCertificate({
    input: request.input,
    issueNumber: request.issueNumber,
    issuedOn: istDate(Date.now()),
    plots: null,
  });
  await documents.notify({
    dedupeKey: `${request.input.applicationNumber}:reissue:${request.issueNumber}`,
    mobile: request.input.applicant.mobile,
    template: 'certificate-issued',
    params: {
      applicationNumber: request.input.applicationNumber,
      serviceEn: request.input.service.nameEn,
      serviceHi: request.input.service.nameHi,
      serial: issued.serial,
      verifyUrl: issued.verifyUrl,
    },
  });
  return issued;
}
