// Admin actions on issued certificates: revoke (with a reason; verification then says so) and
// re-issue (a new serial for the same application, through a workflow so it happens once).
import Router from '@koa/router';
import type { reissueCertificateWorkflow } from '../../workflows/reissue';
import type { ApplicationInput } from '../../workflows/application-messages';
import type { AppDeps } from '../app';
import { permit, staffCodeOf } from '../auth';
import { AppError, BadRequest, NotFound } from '../errors';

export function documentAdminRoutes(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps;

  async function certificate(serial: string) {
    const doc = await db('documents').where({ serial }).whereNot({ kind: 'receipt' }).first();
    if (!doc)
      throw new NotFound(
        { en: `No certificate ${serial}.`, hi: `प्रमाण पत्र ${serial} नहीं है।` },
        'unknown_document',
      );
    return doc;
  }

  function reason(body: unknown): string {
    const r = (body as { reason?: unknown } | undefined)?.reason;
    if (typeof r !== 'string' || r.trim().length < 5 || r.length > 500) {
      throw new BadRequest(
        { en: 'Give the reason in 5 to 500 characters.', hi: 'कारण 5 से 500 अक्षरों में लिखें।' },
        [{ field: 'reason', message: { en: '5 to 500 characters', hi: '5 से 500 अक्षर' } }],
      );
    }
    return r.trim();
  }

  router.post('/documents/:serial/revoke', async (ctx) => {
    await permit(ctx, deps, 'document.revoke');
    const why = reason(ctx.request.body);
    const doc = await certificate(ctx.params.serial ?? '');
    if (doc.status === 'revoked') {
      throw new AppError(409, 'already_revoked', {
        en: 'This certificate is already revoked.',
        hi: 'यह प्रमाण पत्र पहले ही निरस्त है।',
      });
    }
    await db('documents')
      .where({ serial: doc.serial })
      .update({ status: 'revoked', revokedReason: why, updatedAt: db.fn.now() });
    ctx.body = { serial: doc.serial, status: 'revoked', reason: why };
  });

  router.post('/documents/:serial/reissue', async (ctx) => {
    const staff = await permit(ctx, deps, 'document.reissue');
    const why = reason(ctx.request.body);
    const doc = await certificate(ctx.params.serial ?? '');
    if (doc.status !== 'revoked') {
      throw new AppError(409, 'not_revoked', {
        en: 'Revoke the certificate before re-issuing it.',
        hi: 'पुनः जारी करने से पहले प्रमाण पत्र निरस्त करें।',
      });
    }
    const valid = await db('documents')
      .where({ applicationNumber: doc.applicationNumber, status: 'valid' })
      .whereNot({ kind: 'receipt' })
      .first('serial');
    if (valid) {
      throw new AppError(409, 'already_reissued', {
        en: `This application already has a valid certificate, ${valid.serial}.`,
        hi: `इस आवेदन का एक मान्य प्रमाण पत्र ${valid.serial} पहले से है।`,
      });
    }
    const application = await db('applications')
      .where({ number: doc.applicationNumber })
      .first('workflowInput');
    const issued = await db('documents')
      .where({ applicationNumber: doc.applicationNumber })
      .whereNot({ kind: 'receipt' })
      .count({ n: '*' })
      .first();
    const issueNumber = Number(issued?.n ?? 0) + 1;
    const result = await deps.temporal.client.workflow.execute<typeof reissueCertificateWorkflow>(
      'reissueCertificateWorkflow',
      {
        workflowId: `${doc.applicationNumber}/reissue-${issueNumber}`,
        taskQueue: deps.temporal.taskQueue,
        args: [
          {
            input: application.workflowInput as ApplicationInput,
            issueNumber,
            reason: why,
            requestedBy: staffCodeOf(staff),
          },
        ],
      },
    );
    ctx.status = 201;
    ctx.body = { ...result, replaces: doc.serial };
  });

  return router;
}
