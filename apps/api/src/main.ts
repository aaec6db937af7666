import 'reflect-metadata';
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hello } from '@app/domain';

@Injectable()
export class Svc {
  hi(): string {
    return hello();
  }
}

@Controller()
export class C {
  constructor(private readonly s: Svc) {}
  @Get() get(): string {
    return this.s.hi();
  }
}

@Module({ controllers: [C], providers: [Svc] })
export class AppModule {}

const app = await NestFactory.create(AppModule);
await app.listen(3999);
console.log('up');
