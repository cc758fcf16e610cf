import { Module } from '@nestjs/common';
import { CodingModule } from '../coding/coding.module';
import { ApprovalController } from './approval.controller';
import { ApprovalUseCase } from './approval.usecase';

@Module({
  imports: [CodingModule],
  controllers: [ApprovalController],
  providers: [ApprovalUseCase],
})
export class ApprovalModule {}
