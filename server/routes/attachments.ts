// Attachments for complaints: uploaded on their own (type sniffed from the bytes, size limited),
// then cited by id when a complaint is registered. Files never enter a workflow's history.
import crypto from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import { safeFileName, sniffFileType } from '../../lib/file-type';
import type { AppDeps } from '../app';
import { authorize } from '../../lib/authorization';
import { apiSubject, enforce } from '../auth';
import { complaintFacts } from '../complaints/officer-actions';
import { AppError, NotFound } from '../errors';

export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

async function readBody(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length'));
  const tooLarge = () =>
    new AppError(413, 'too_large', {
      en: `The file is larger than ${limit / 1024 / 1024} MB. Send a smaller scan or photo.`,
      hi: `फ़ाइल ${limit / 1024 / 1024} MB से बड़ी है। छोटी स्कैन या फ़ोटो भेजें।`,
    });
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function attachmentRoutes(deps: AppDeps): Router {
  const router = new Router();
  const { db } = deps;

  router.post('/attachments', async (ctx) => {
    const subject = await apiSubject(ctx, deps);
    if (
      subject.kind === 'anonymous' ||
      (subject.kind === 'citizen' && !/^[6-9]\d{9}$/.test(subject.mobile))
    ) {
      // Nobody identified: the table's 401, saying what a citizen should send.
      throw new AppError(subject.kind === 'anonymous' ? 401 : 400, 'mobile_required', {
        en: 'Give your mobile number (?mobile=) with the upload.',
        hi: 'अपलोड के साथ अपना मोबाइल नंबर (?mobile=) दें।',
      });
    }
    enforce(authorize('attachment.upload', subject));
    const uploadedBy = subject.kind === 'staff' ? subject.code : (subject as { mobile: string }).mobile;
    const bytes = await readBody(ctx, MAX_ATTACHMENT_BYTES);
    const type = sniffFileType(bytes);
    if (!type) {
      throw new AppError(415, 'unsupported_type', {
        en: 'Only PDF, JPEG and PNG files can be attached.',
        hi: 'केवल PDF, JPEG और PNG फ़ाइलें संलग्न की जा सकती हैं।',
      });
    }
    const id = crypto.randomUUID();
    const fileName = safeFileName(typeof ctx.query.name === 'string' ? ctx.query.name : 'attachment', type);
    await db('complaintAttachments').insert({
      id,
      fileName,
      mimeType: type,
      sizeBytes: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      content: bytes,
      uploadedBy,
    });
    ctx.status = 201;
    ctx.body = { attachmentId: id, fileName, mimeType: type, sizeBytes: bytes.length };
  });

  router.get('/attachments/:id', async (ctx) => {
    const row = await db('complaintAttachments')
      .where({
        id: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(ctx.params.id ?? '')
          ? ctx.params.id
          : '00000000-0000-0000-0000-000000000000',
      })
      .first();
    const notVisible = () =>
      new NotFound(
        { en: 'No such attachment is visible to you.', hi: 'ऐसा कोई संलग्नक आपको उपलब्ध नहीं है।' },
        'unknown_attachment',
      );
    if (!row) throw notVisible();
    const subject = await apiSubject(ctx, deps);
    const complaint = row.complaintNumber
      ? await db('complaints').where({ number: row.complaintNumber }).first()
      : null;
    const facts = {
      uploadedBy: row.uploadedBy as string,
      complaint: complaint ? complaintFacts(complaint) : null,
    };
    enforce(authorize('attachment.read', subject, facts), notVisible);
    ctx.type = row.mimeType as string;
    ctx.set('Content-Disposition', `attachment; filename="${row.fileName as string}"`);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = row.content;
  });

  return router;
}
