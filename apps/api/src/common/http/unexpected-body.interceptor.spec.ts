import { Body, Controller, Param, Post } from '@nestjs/common';
import { takesBody } from './unexpected-body.interceptor';

@Controller()
class Routes {
  @Post('with-body')
  withBody(@Body() body: unknown): unknown {
    return body;
  }

  @Post(':id/without-body')
  withoutBody(@Param('id') id: string): string {
    return id;
  }

  @Post('nothing')
  nothing(): void {}
}

// The interceptor reads Nest's route-argument metadata, which is not public API: this fails when
// a Nest upgrade changes where or how @Body() records itself.
describe('takesBody', () => {
  it('sees a @Body() parameter', () => {
    expect(takesBody(Routes, 'withBody')).toBe(true);
  });

  it('sees none where the handler takes only path parameters or nothing', () => {
    expect(takesBody(Routes, 'withoutBody')).toBe(false);
    expect(takesBody(Routes, 'nothing')).toBe(false);
  });
});
